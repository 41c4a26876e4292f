import { DEFAULT_CONFIG_GC, GC_DISABLED, parseConfigGC } from './config-gc.js';
import type { ConfigGC } from './config-gc.js';
import { configProblems } from './testing/config-problems.js';

const problems = (data: Record<string, string>): string[] => configProblems(parseConfigGC, data);

test('empty data gives the documented defaults', () => {
  expect(parseConfigGC({})).toEqual({
    retainSinceCreateTimeMs: 48 * 3_600_000,
    retainSinceLastActiveTimeMs: 15 * 3_600_000,
    minNonActiveRevisions: 20,
    maxNonActiveRevisions: 1000,
  });
  expect(parseConfigGC(undefined)).toEqual(DEFAULT_CONFIG_GC);
});

test.each<{ name: string; data: Record<string, string>; want: Partial<ConfigGC> }>([
  { name: 'retain-since-create-time', data: { 'retain-since-create-time': '24h' }, want: { retainSinceCreateTimeMs: 86_400_000 } },
  { name: 'retain-since-create-time disabled', data: { 'retain-since-create-time': 'Disabled' }, want: { retainSinceCreateTimeMs: GC_DISABLED } },
  { name: 'retain-since-last-active-time', data: { 'retain-since-last-active-time': '30m' }, want: { retainSinceLastActiveTimeMs: 1_800_000 } },
  { name: 'retain-since-last-active-time disabled', data: { 'retain-since-last-active-time': 'disabled' }, want: { retainSinceLastActiveTimeMs: GC_DISABLED } },
  { name: 'empty keeps the default', data: { 'retain-since-create-time': '' }, want: {} },
  { name: 'min-non-active-revisions', data: { 'min-non-active-revisions': '0' }, want: { minNonActiveRevisions: 0 } },
  { name: 'max-non-active-revisions', data: { 'max-non-active-revisions': '50' }, want: { maxNonActiveRevisions: 50 } },
  {
    name: 'max disabled allows any min',
    data: { 'max-non-active-revisions': 'disabled', 'min-non-active-revisions': '5000' },
    want: { maxNonActiveRevisions: GC_DISABLED, minNonActiveRevisions: 5000 },
  },
])('parses $name', ({ data, want }) => {
  expect(parseConfigGC(data)).toEqual({ ...DEFAULT_CONFIG_GC, ...want });
});

test.each<{ name: string; data: Record<string, string>; want: string }>([
  { name: 'bad duration', data: { 'retain-since-create-time': '2 days' }, want: 'retain-since-create-time: must be "disabled" or a duration, got "2 days"' },
  { name: 'negative duration', data: { 'retain-since-last-active-time': '-1h' }, want: 'retain-since-last-active-time: must not be negative, got "-1h"' },
  { name: 'negative min', data: { 'min-non-active-revisions': '-1' }, want: 'min-non-active-revisions: must be at least 0, got -1' },
  { name: 'negative max', data: { 'max-non-active-revisions': '-5' }, want: 'max-non-active-revisions: must be "disabled" or a whole number, got "-5"' },
  {
    name: 'min above max',
    data: { 'min-non-active-revisions': '30', 'max-non-active-revisions': '10' },
    want: 'min-non-active-revisions: must be at most max-non-active-revisions (10), got 30',
  },
])('rejects $name', ({ data, want }) => {
  expect(problems(data)).toEqual([want]);
});
