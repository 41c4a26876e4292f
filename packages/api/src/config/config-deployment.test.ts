import { DEFAULT_CONFIG_DEPLOYMENT, KNOT_QUEUE_PROXY_IMAGE, parseConfigDeployment, runtimeClassNameFor } from './config-deployment.js';
import type { ConfigDeployment } from './config-deployment.js';
import { configProblems } from './testing/config-problems.js';

const problems = (data: Record<string, string>): string[] => configProblems(parseConfigDeployment, data);

test('empty data gives the documented defaults', () => {
  expect(parseConfigDeployment({})).toEqual(DEFAULT_CONFIG_DEPLOYMENT);
  expect(parseConfigDeployment(undefined)).toMatchObject({
    queueSidecarImage: KNOT_QUEUE_PROXY_IMAGE,
    registriesSkippingTagResolving: ['kind.local', 'ko.local', 'dev.local'],
    digestResolutionTimeoutMs: 10_000,
    progressDeadlineMs: 600_000,
    queueSidecarCpuRequest: '25m',
    tagResolution: false,
  });
});

test.each<{ name: string; data: Record<string, string>; want: Partial<ConfigDeployment> }>([
  { name: 'queue-sidecar-image', data: { 'queue-sidecar-image': 'example.com/qp:1' }, want: { queueSidecarImage: 'example.com/qp:1' } },
  { name: 'legacy queueSidecarImage', data: { queueSidecarImage: 'qp' }, want: { queueSidecarImage: 'qp' } },
  { name: 'registries-skipping-tag-resolving', data: { 'registries-skipping-tag-resolving': 'a.io, b.io' }, want: { registriesSkippingTagResolving: ['a.io', 'b.io'] } },
  { name: 'digest-resolution-timeout', data: { 'digest-resolution-timeout': '30s' }, want: { digestResolutionTimeoutMs: 30_000 } },
  { name: 'progress-deadline', data: { 'progress-deadline': '10m' }, want: { progressDeadlineMs: 600_000 } },
  { name: 'legacy progressDeadline', data: { progressDeadline: '2m' }, want: { progressDeadlineMs: 120_000 } },
  { name: 'queue-sidecar-cpu-request', data: { 'queue-sidecar-cpu-request': '50m' }, want: { queueSidecarCpuRequest: '50m' } },
  { name: 'queue-sidecar-cpu-limit', data: { 'queue-sidecar-cpu-limit': '1' }, want: { queueSidecarCpuLimit: '1' } },
  { name: 'queue-sidecar-memory-request', data: { 'queue-sidecar-memory-request': '400Mi' }, want: { queueSidecarMemoryRequest: '400Mi' } },
  { name: 'queue-sidecar-memory-limit', data: { 'queue-sidecar-memory-limit': '800Mi' }, want: { queueSidecarMemoryLimit: '800Mi' } },
  {
    name: 'queue-sidecar-ephemeral-storage-request',
    data: { 'queue-sidecar-ephemeral-storage-request': '512Mi' },
    want: { queueSidecarEphemeralStorageRequest: '512Mi' },
  },
  {
    name: 'queue-sidecar-ephemeral-storage-limit',
    data: { 'queue-sidecar-ephemeral-storage-limit': '1024Mi' },
    want: { queueSidecarEphemeralStorageLimit: '1024Mi' },
  },
  { name: 'queue-sidecar-token-audiences', data: { 'queue-sidecar-token-audiences': 'a,b' }, want: { queueSidecarTokenAudiences: ['a', 'b'] } },
  { name: 'queue-sidecar-rootca', data: { 'queue-sidecar-rootca': 'PEM' }, want: { queueSidecarRootCA: 'PEM' } },
  { name: 'queue-sidecar-tls-min-version', data: { 'queue-sidecar-tls-min-version': '1.3' }, want: { queueSidecarTLSMinVersion: '1.3' } },
  { name: 'default-affinity-type', data: { 'default-affinity-type': 'none' }, want: { defaultAffinityType: 'none' } },
  { name: 'pod-is-always-schedulable', data: { 'pod-is-always-schedulable': 'true' }, want: { podIsAlwaysSchedulable: true } },
  { name: 'concurrency-state-endpoint', data: { 'concurrency-state-endpoint': 'http://x:1' }, want: { concurrencyStateEndpoint: 'http://x:1' } },
  { name: 'tag-resolution', data: { 'tag-resolution': 'true' }, want: { tagResolution: true } },
])('parses $name', ({ data, want }) => {
  expect(parseConfigDeployment(data)).toEqual({ ...DEFAULT_CONFIG_DEPLOYMENT, ...want });
});

test('runtime-class-name picks the most specific class for a revision', () => {
  const config = parseConfigDeployment({
    'runtime-class-name': 'kata: {}\ngvisor:\n  selector:\n    use-gvisor: please\n',
  });
  expect(runtimeClassNameFor(config, { 'use-gvisor': 'please' })).toBe('gvisor');
  expect(runtimeClassNameFor(config, {})).toBe('kata');
  expect(runtimeClassNameFor(DEFAULT_CONFIG_DEPLOYMENT, {})).toBeUndefined();
});

test.each<{ name: string; data: Record<string, string>; want: string }>([
  { name: 'empty image', data: { 'queue-sidecar-image': '' }, want: 'queue-sidecar-image: must not be empty' },
  { name: 'zero progress deadline', data: { 'progress-deadline': '0s' }, want: 'progress-deadline: must be greater than 0s, got 0s' },
  { name: 'fractional progress deadline', data: { 'progress-deadline': '1.5s' }, want: 'progress-deadline: must be a whole number of seconds, got 1.5s' },
  { name: 'negative digest timeout', data: { 'digest-resolution-timeout': '-1s' }, want: 'digest-resolution-timeout: must be greater than 0s, got -1s' },
  { name: 'bad quantity', data: { 'queue-sidecar-cpu-request': 'a lot' }, want: 'queue-sidecar-cpu-request: not a quantity: "a lot"' },
  {
    name: 'affinity type',
    data: { 'default-affinity-type': 'spread' },
    want: 'default-affinity-type: must be one of none, prefer-spread-revision-over-nodes, got "spread"',
  },
  {
    name: 'runtime class name',
    data: { 'runtime-class-name': 'Not_Valid: {}' },
    want: 'runtime-class-name: runtime class "Not_Valid" is not a valid DNS subdomain',
  },
  { name: 'bool', data: { 'tag-resolution': 'sure' }, want: 'tag-resolution: not a boolean: "sure"' },
])('rejects $name', ({ data, want }) => {
  expect(problems(data)).toEqual([want]);
});
