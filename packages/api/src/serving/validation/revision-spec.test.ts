import { DEFAULT_CONFIG_DEFAULTS } from '../../config/config-defaults.js';
import type { ConfigDefaults } from '../../config/config-defaults.js';
import { validateService } from './service.js';
import { outcome, podWith, serviceWith } from './testing/fixtures.js';

const S = 'spec.template.spec';
const M = 'spec.template.metadata';

interface Row {
  name: string;
  spec?: Record<string, unknown>;
  templateMeta?: Record<string, unknown>;
  serviceMeta?: Record<string, unknown>;
  defaults?: Partial<ConfigDefaults>;
  want: string;
}

function check({ spec = {}, templateMeta, serviceMeta, defaults, want }: Row): void {
  const svc = serviceWith(podWith(spec), templateMeta);
  if (serviceMeta) svc.metadata = serviceMeta;
  const got = outcome(validateService(svc, { defaults: { ...DEFAULT_CONFIG_DEFAULTS, ...defaults } }));
  expect(got).toEqual(want === '' ? '' : expect.stringContaining(want));
}

describe('revision timeouts and concurrency', () => {
  test.each<Row>([
    { name: 'timeout 0 means the default', spec: { timeoutSeconds: 0 }, want: '' },
    { name: 'timeout at the maximum', spec: { timeoutSeconds: 600 }, want: '' },
    { name: 'timeout over the maximum', spec: { timeoutSeconds: 601 }, want: `${S}.timeoutSeconds: must be between 0 and 600, got 601` },
    { name: 'negative timeout', spec: { timeoutSeconds: -1 }, want: `${S}.timeoutSeconds: must be between 0 and 600, got -1` },
    { name: 'maximum from config-defaults', spec: { timeoutSeconds: 900 }, defaults: { maxRevisionTimeoutSeconds: 1200 }, want: '' },
    { name: 'timeout of the wrong type', spec: { timeoutSeconds: '30' }, want: `${S}.timeoutSeconds: expected an integer, got string` },
    { name: 'unlimited concurrency', spec: { containerConcurrency: 0 }, want: '' },
    { name: 'concurrency at the limit', spec: { containerConcurrency: 1000 }, want: '' },
    { name: 'concurrency over the limit', spec: { containerConcurrency: 5000 }, want: `${S}.containerConcurrency: must be between 0 and 1000, got 5000` },
    { name: 'negative concurrency', spec: { containerConcurrency: -1 }, want: `${S}.containerConcurrency: must be between 0 and 1000, got -1` },
    { name: 'limit from config-defaults', spec: { containerConcurrency: 50 }, defaults: { containerConcurrencyMaxLimit: 10 }, want: 'must be between 0 and 10, got 50' },
    { name: 'zero concurrency not allowed', spec: { containerConcurrency: 0 }, defaults: { allowContainerConcurrencyZero: false }, want: `${S}.containerConcurrency: must be between 1 and 1000, got 0 (allow-container-concurrency-zero is false)` },
    { name: 'fractional concurrency', spec: { containerConcurrency: 1.5 }, want: `${S}.containerConcurrency: expected an integer, got number` },
    { name: 'response start within the default timeout', spec: { responseStartTimeoutSeconds: 300 }, want: '' },
    { name: 'response start over the default timeout', spec: { responseStartTimeoutSeconds: 301 }, want: `${S}.responseStartTimeoutSeconds: must be between 0 and 300, got 301 (timeoutSeconds is 300)` },
    { name: 'response start within a longer timeout', spec: { timeoutSeconds: 600, responseStartTimeoutSeconds: 500 }, want: '' },
    { name: 'idle over the timeout', spec: { timeoutSeconds: 60, idleTimeoutSeconds: 61 }, want: `${S}.idleTimeoutSeconds: must be between 0 and 60, got 61` },
    { name: 'negative idle', spec: { idleTimeoutSeconds: -1 }, want: `${S}.idleTimeoutSeconds: must be between 0 and 300, got -1` },
  ])('$name', check);
});

describe('bring-your-own revision names', () => {
  test.each<Row>([
    { name: 'prefixed with the service name', templateMeta: { name: 'hello-v1' }, want: '' },
    { name: 'other prefix', templateMeta: { name: 'world-v1' }, want: `${M}.name: "world-v1" must have prefix "hello-"` },
    { name: 'exactly the service name', templateMeta: { name: 'hello' }, want: 'must have prefix "hello-"' },
    { name: 'not a DNS label', templateMeta: { name: 'hello-V1' }, want: `${M}.name: not a DNS-1035 label` },
    { name: 'too long', templateMeta: { name: `hello-${'a'.repeat(58)}` }, want: `${M}.name: not a DNS-1035 label: must be no more than 63 characters, got 64` },
    { name: '63 characters', templateMeta: { name: `hello-${'a'.repeat(57)}` }, want: '' },
    { name: 'parent uses generateName', templateMeta: { name: 'hello-v1' }, serviceMeta: { generateName: 'hello-' }, want: `${M}.name: must not be set when the parent uses generateName` },
    { name: 'template generateName', templateMeta: { generateName: 'hello-' }, want: '' },
    { name: 'bad template generateName', templateMeta: { generateName: 'Hello-' }, want: `${M}.generateName: not a DNS-1035 label prefix` },
  ])('$name', check);
});

describe('template annotations', () => {
  const ann = (annotations: Record<string, string>) => ({ annotations });
  test.each<Row>([
    { name: 'autoscaling annotations are checked here', templateMeta: ann({ 'autoscaling.knative.dev/min-scale': '-1' }), want: `${M}.annotations[autoscaling.knative.dev/min-scale]: must be between 0 and 2147483647, got -1` },
    { name: 'autoscaling annotations are fine here', templateMeta: ann({ 'autoscaling.knative.dev/max-scale': '10' }), want: '' },
    { name: 'known networking annotation', templateMeta: ann({ 'networking.knative.dev/ingress.class': 'kourier' }), want: '' },
    { name: 'unknown networking annotation', templateMeta: ann({ 'networking.knative.dev/visibility': 'x' }), want: `${M}.annotations[networking.knative.dev/visibility]: unknown networking.knative.dev/ annotation` },
    { name: 'queue-proxy percentage', templateMeta: ann({ 'queue.sidecar.serving.knative.dev/resource-percentage': '0.05' }), want: 'must be between 0.1 and 100, got 0.05' },
    { name: 'queue-proxy cpu', templateMeta: ann({ 'queue.sidecar.serving.knative.dev/cpu-resource-request': '100m' }), want: '' },
    { name: 'queue-proxy bad memory', templateMeta: ann({ 'queue.sidecar.serving.knative.dev/memory-resource-limit': 'big' }), want: 'not a quantity: "big"' },
    { name: 'progress deadline', templateMeta: ann({ 'serving.knative.dev/progress-deadline': '10m' }), want: '' },
    { name: 'progress deadline fraction', templateMeta: ann({ 'serving.knative.dev/progress-deadline': '1.5s' }), want: 'must be a whole number of seconds, got 1.5s' },
    { name: 'progress deadline negative', templateMeta: ann({ 'serving.knative.dev/progress-deadline': '-10s' }), want: 'must not be negative, got -10s' },
    { name: 'annotation values must be strings', templateMeta: { annotations: { 'autoscaling.knative.dev/min-scale': 1 } }, want: `${M}.annotations[autoscaling.knative.dev/min-scale]: expected a string, got number` },
  ])('$name', check);
});
