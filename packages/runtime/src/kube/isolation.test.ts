import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

const SRC = join(import.meta.dirname, '..');

async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sources(path)));
    else if (entry.name.endsWith('.ts')) out.push(path);
  }
  return out;
}

// Data-plane packages import "@knot/runtime"; only "@knot/runtime/kube" may load client-node.
test('nothing outside src/kube imports @kubernetes/client-node or src/kube', async () => {
  const offenders: string[] = [];
  for (const file of await sources(SRC)) {
    const rel = relative(SRC, file);
    if (rel.startsWith('kube/')) continue;
    const text = await readFile(file, 'utf8');
    if (/from\s+['"]@kubernetes\/client-node['"]|import\(\s*['"]@kubernetes\/client-node/.test(text) || /from\s+['"][./]*\/?kube\//.test(text)) offenders.push(rel);
  }
  expect(offenders).toEqual([]);
});
