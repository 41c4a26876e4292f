// The part of docs/benchmarks.md between two markers belongs to the generator;
// everything around it is written by hand.
import { BenchError } from '../bench-error.js';

export const BEGIN_MARKER = '<!-- BEGIN GENERATED: npm run bench:docs -w @knot/bench -->';
export const END_MARKER = '<!-- END GENERATED -->';

export function replaceGenerated(doc: string, content: string): string {
  const begin = doc.indexOf(BEGIN_MARKER);
  const end = doc.indexOf(END_MARKER, begin + BEGIN_MARKER.length);
  if (begin < 0 || end < 0) throw new BenchError('no-markers', `the document has no ${BEGIN_MARKER} … ${END_MARKER} section`);
  return `${doc.slice(0, begin + BEGIN_MARKER.length)}\n\n${content.trim()}\n\n${doc.slice(end)}`;
}
