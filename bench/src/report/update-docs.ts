// Regenerates the results section of docs/benchmarks.md from bench/results/*.json.
// Run as a program (npm run bench:docs) or called by a benchmark after it ran.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { replaceGenerated } from './generated-section.js';
import { parseResult, type AnyResult } from './parse-result.js';
import { renderResults } from './render.js';

export async function readResults(resultsDir: string): Promise<AnyResult[]> {
  const files = (await readdir(resultsDir).catch(() => [])).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(files.map(async (f) => parseResult(await readFile(join(resultsDir, f), 'utf8'), `bench/results/${f}`)));
}

/** `benchRoot` is the bench folder; the docs sit beside it in the repository. */
export async function updateDocs(benchRoot: string): Promise<void> {
  const docPath = join(benchRoot, '..', 'docs', 'benchmarks.md');
  const doc = await readFile(docPath, 'utf8');
  await writeFile(docPath, replaceGenerated(doc, renderResults(await readResults(join(benchRoot, 'results')))));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await updateDocs(fileURLToPath(new URL('../../', import.meta.url)));
