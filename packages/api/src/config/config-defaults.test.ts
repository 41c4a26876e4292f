import { DEFAULT_CONFIG_DEFAULTS, parseConfigDefaults } from './config-defaults.js';
import type { ConfigDefaults } from './config-defaults.js';
import { configProblems } from './testing/config-problems.js';

const problems = (data: Record<string, string>): string[] => configProblems(parseConfigDefaults, data);

test('empty data gives the documented defaults', () => {
  expect(parseConfigDefaults({})).toEqual(DEFAULT_CONFIG_DEFAULTS);
  expect(parseConfigDefaults(undefined)).toEqual({
    revisionTimeoutSeconds: 300,
    maxRevisionTimeoutSeconds: 600,
    revisionResponseStartTimeoutSeconds: 300,
    revisionIdleTimeoutSeconds: 0,
    containerConcurrency: 0,
    containerConcurrencyMaxLimit: 1000,
    allowContainerConcurrencyZero: true,
    userContainerName: 'user-container',
    initContainerName: 'init-container',
    enableServiceLinks: false,
    revisionCpuRequest: undefined,
    revisionMemoryRequest: undefined,
    revisionEphemeralStorageRequest: undefined,
    revisionCpuLimit: undefined,
    revisionMemoryLimit: undefined,
    revisionEphemeralStorageLimit: undefined,
  });
});

test.each<{ name: string; data: Record<string, string>; want: Partial<ConfigDefaults> }>([
  { name: 'max-revision-timeout-seconds', data: { 'max-revision-timeout-seconds': '900' }, want: { maxRevisionTimeoutSeconds: 900 } },
  {
    name: 'revision-timeout-seconds, which the response start timeout follows when unset',
    data: { 'revision-timeout-seconds': '120' },
    want: { revisionTimeoutSeconds: 120, revisionResponseStartTimeoutSeconds: 120 },
  },
  {
    name: 'revision-response-start-timeout-seconds',
    data: { 'revision-response-start-timeout-seconds': '30' },
    want: { revisionResponseStartTimeoutSeconds: 30 },
  },
  { name: 'revision-idle-timeout-seconds', data: { 'revision-idle-timeout-seconds': '60' }, want: { revisionIdleTimeoutSeconds: 60 } },
  { name: 'container-concurrency', data: { 'container-concurrency': '10' }, want: { containerConcurrency: 10 } },
  {
    name: 'container-concurrency-max-limit',
    data: { 'container-concurrency-max-limit': '50', 'container-concurrency': '50' },
    want: { containerConcurrencyMaxLimit: 50, containerConcurrency: 50 },
  },
  { name: 'allow-container-concurrency-zero', data: { 'allow-container-concurrency-zero': 'false' }, want: { allowContainerConcurrencyZero: false } },
  { name: 'container-name-template', data: { 'container-name-template': '{{.Name}}' }, want: { userContainerName: '{{.Name}}' } },
  { name: 'init-container-name-template', data: { 'init-container-name-template': 'init' }, want: { initContainerName: 'init' } },
  { name: 'enable-service-links TRUE', data: { 'enable-service-links': 'TRUE' }, want: { enableServiceLinks: true } },
  { name: 'enable-service-links other leaves it unset', data: { 'enable-service-links': 'default' }, want: { enableServiceLinks: undefined } },
  { name: 'revision-cpu-request', data: { 'revision-cpu-request': '100m' }, want: { revisionCpuRequest: '100m' } },
  { name: 'revision-memory-request', data: { 'revision-memory-request': '64Mi' }, want: { revisionMemoryRequest: '64Mi' } },
  {
    name: 'revision-ephemeral-storage-request',
    data: { 'revision-ephemeral-storage-request': '1Gi' },
    want: { revisionEphemeralStorageRequest: '1Gi' },
  },
  { name: 'revision-cpu-limit', data: { 'revision-cpu-limit': '1' }, want: { revisionCpuLimit: '1' } },
  { name: 'revision-memory-limit', data: { 'revision-memory-limit': '1G' }, want: { revisionMemoryLimit: '1G' } },
  { name: 'revision-ephemeral-storage-limit', data: { 'revision-ephemeral-storage-limit': '2Gi' }, want: { revisionEphemeralStorageLimit: '2Gi' } },
  { name: 'unknown keys and _example are ignored', data: { nope: 'x', _example: 'revision-timeout-seconds: "x"' }, want: {} },
])('parses $name', ({ data, want }) => {
  expect(parseConfigDefaults(data)).toEqual({ ...DEFAULT_CONFIG_DEFAULTS, ...want });
});

test.each<{ name: string; data: Record<string, string>; want: string }>([
  { name: 'not an integer', data: { 'revision-timeout-seconds': 'abc' }, want: 'revision-timeout-seconds: not an integer: "abc"' },
  {
    name: 'timeout above max',
    data: { 'revision-timeout-seconds': '700' },
    want: 'revision-timeout-seconds: must be at most max-revision-timeout-seconds (600), got 700',
  },
  {
    name: 'response start above timeout',
    data: { 'revision-response-start-timeout-seconds': '400' },
    want: 'revision-response-start-timeout-seconds: must be at most revision-timeout-seconds (300), got 400',
  },
  {
    name: 'idle above timeout',
    data: { 'revision-idle-timeout-seconds': '301' },
    want: 'revision-idle-timeout-seconds: must be at most revision-timeout-seconds (300), got 301',
  },
  {
    name: 'max limit below 1',
    data: { 'container-concurrency-max-limit': '0' },
    want: 'container-concurrency-max-limit: must be at least 1, got 0',
  },
  {
    name: 'container concurrency above the limit',
    data: { 'container-concurrency': '5000' },
    want: 'container-concurrency: must be between 0 and 1000, got 5000',
  },
  { name: 'negative container concurrency', data: { 'container-concurrency': '-1' }, want: 'container-concurrency: must be between 0 and 1000, got -1' },
  { name: 'bad quantity', data: { 'revision-memory-limit': 'lots' }, want: 'revision-memory-limit: not a quantity: "lots"' },
  { name: 'bad template', data: { 'container-name-template': '{{.Nope}}' }, want: "container-name-template: can't evaluate field Nope" },
])('rejects $name', ({ data, want }) => {
  expect(problems(data)).toEqual([want]);
});
