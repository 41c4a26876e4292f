import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { thrown } from '../testing/reports.js';
import { BEGIN_MARKER, END_MARKER, replaceGenerated } from './generated-section.js';
import { renderResults } from './render.js';
import { readResults } from './update-docs.js';

test('replaces only what lies between the markers', () => {
  const doc = `# Title\n\nhand-written\n\n${BEGIN_MARKER}\nold table\n${END_MARKER}\n\nmore hand-written\n`;
  const out = replaceGenerated(doc, 'new table');
  expect(out).toBe(`# Title\n\nhand-written\n\n${BEGIN_MARKER}\n\nnew table\n\n${END_MARKER}\n\nmore hand-written\n`);
  expect(replaceGenerated(out, 'new table')).toBe(out);
});

test.each([
  { name: 'no markers', doc: '# Title\n' },
  { name: 'only the end marker', doc: `${END_MARKER}\n` },
  { name: 'the end before the begin', doc: `${END_MARKER}\n${BEGIN_MARKER}\n` },
])('$name is a named error', ({ doc }) => {
  expect(thrown(() => replaceGenerated(doc, 'x'))).toMatchObject({ code: 'no-markers' });
});

test('docs/benchmarks.md shows what bench/results holds (regenerate with npm run bench:docs -w @knot/bench)', async () => {
  const benchRoot = fileURLToPath(new URL('../../', import.meta.url));
  const doc = await readFile(`${benchRoot}../docs/benchmarks.md`, 'utf8');
  expect(replaceGenerated(doc, renderResults(await readResults(`${benchRoot}results`)))).toBe(doc);
});
