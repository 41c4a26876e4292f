// Medians over runs and the side-by-side comparisons the report is built from.
import { BenchError } from '../bench-error.js';

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new BenchError('empty-sample', 'median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The median over runs of `f(a[i], b[i])`: paths are measured side by side in
 * each run, so comparing within a run cancels drift between runs on a noisy
 * machine. Runs where either side is missing are left out.
 */
export function pairedMedian(a: readonly (number | undefined)[], b: readonly (number | undefined)[], f: (x: number, y: number) => number): number | undefined {
  const values: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x !== undefined && y !== undefined && Number.isFinite(f(x, y))) values.push(f(x, y));
  }
  return values.length > 0 ? median(values) : undefined;
}

export const ratio = (x: number, y: number): number => (y === 0 ? Number.NaN : x / y);
export const difference = (x: number, y: number): number => x - y;

/** Rounds for the report so the JSON stays readable; 3 decimals keeps microseconds in milliseconds. */
export const round = (value: number, decimals = 3): number => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};
