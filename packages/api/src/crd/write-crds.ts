import { readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { CRDS_DIR, renderCrdFiles } from './render-crds.js';

// `npm run crds`: rewrites deploy/crds from the schemas and removes files no kind produces.
// Run by Node's type stripping with ts-resolve-hook.mjs, which maps the `.js` imports to sources.

const files = renderCrdFiles();
mkdirSync(CRDS_DIR, { recursive: true });
const wanted = new Set(files.map((f) => f.name));
for (const name of readdirSync(CRDS_DIR)) {
  if (name.endsWith('.yaml') && !wanted.has(name)) rmSync(new URL(name, CRDS_DIR));
}
for (const f of files) writeFileSync(new URL(f.name, CRDS_DIR), f.content);
console.log(`wrote ${files.length} files to ${CRDS_DIR.pathname}`);
