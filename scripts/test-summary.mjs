// Prints one closing line for the whole workspace from each package's
// `.test-results.json` (written by scripts/jest-results-reporter.js).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dirs = ['packages', 'packages/sources'].flatMap((d) =>
  existsSync(join(root, d)) ? readdirSync(join(root, d)).map((p) => join(root, d, p)) : [],
).concat([join(root, 'e2e'), join(root, 'bench')]);

const total = { passed: 0, failed: 0, skipped: 0 };
for (const dir of dirs) {
  const file = join(dir, '.test-results.json');
  if (!existsSync(file)) continue;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  total.passed += r.passed;
  total.failed += r.failed;
  total.skipped += r.skipped;
}
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exitCode = total.failed > 0 ? 1 : 0;
