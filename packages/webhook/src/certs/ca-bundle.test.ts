import type { CustomResourceConversion, CustomResourceDefinition } from 'kubernetes-types/apiextensions/v1.js';
import { admissionregistration, apiextensions } from '@knot/api';
import { MemoryStore } from '@knot/runtime';
import { patchCABundles } from './ca-bundle.js';

const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const CA_B64 = Buffer.from(CA).toString('base64');

async function seed(): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.create(admissionregistration.mutatingWebhookConfigurations, {
    metadata: { name: 'webhook.serving.knative.dev' },
    webhooks: [
      { name: 'webhook.serving.knative.dev', admissionReviewVersions: ['v1'], sideEffects: 'None', clientConfig: { service: { name: 'webhook', namespace: 'knative-serving', path: '/defaulting' } } },
    ],
  });
  await store.create(admissionregistration.validatingWebhookConfigurations, {
    metadata: { name: 'validation.webhook.serving.knative.dev' },
    webhooks: [
      { name: 'validation.webhook.serving.knative.dev', admissionReviewVersions: ['v1'], sideEffects: 'None', clientConfig: { service: { name: 'webhook', namespace: 'knative-serving' }, caBundle: 'b2xk' } },
      { name: 'config.webhook.serving.knative.dev', admissionReviewVersions: ['v1'], sideEffects: 'None', clientConfig: { service: { name: 'webhook', namespace: 'knative-serving' } } },
    ],
  });
  const crd = (name: string, conversion: CustomResourceConversion): CustomResourceDefinition => ({
    metadata: { name },
    spec: { group: 'serving.knative.dev', names: { plural: name.split('.')[0] ?? '', kind: 'X' }, scope: 'Namespaced', versions: [], conversion },
  });
  await store.create(apiextensions.customResourceDefinitions, crd('services.serving.knative.dev', { strategy: 'Webhook', webhook: { conversionReviewVersions: ['v1'], clientConfig: { service: { name: 'webhook', namespace: 'knative-serving', path: '/resource-conversion' } } } }));
  await store.create(apiextensions.customResourceDefinitions, crd('routes.serving.knative.dev', { strategy: 'None' }));
  return store;
}

const targets = {
  mutatingWebhookConfigurations: ['webhook.serving.knative.dev'],
  validatingWebhookConfigurations: ['validation.webhook.serving.knative.dev', 'gone.webhook.serving.knative.dev'],
  customResourceDefinitions: ['services.serving.knative.dev', 'routes.serving.knative.dev'],
};

describe('patchCABundles', () => {
  test('every webhook and conversion webhook gets the CA; others are reported, not failed', async () => {
    const store = await seed();
    const outcomes = await patchCABundles(store, targets, CA);
    expect(outcomes).toEqual({
      'MutatingWebhookConfiguration/webhook.serving.knative.dev': 'patched',
      'ValidatingWebhookConfiguration/validation.webhook.serving.knative.dev': 'patched',
      'ValidatingWebhookConfiguration/gone.webhook.serving.knative.dev': 'missing',
      'CustomResourceDefinition/services.serving.knative.dev': 'patched',
      'CustomResourceDefinition/routes.serving.knative.dev': 'skipped',
    });
    const mutating = await store.get(admissionregistration.mutatingWebhookConfigurations, undefined, 'webhook.serving.knative.dev');
    expect(mutating.webhooks?.[0]?.clientConfig).toEqual({ service: { name: 'webhook', namespace: 'knative-serving', path: '/defaulting' }, caBundle: CA_B64 });
    const validating = await store.get(admissionregistration.validatingWebhookConfigurations, undefined, 'validation.webhook.serving.knative.dev');
    expect(validating.webhooks?.map((w) => w.clientConfig.caBundle)).toEqual([CA_B64, CA_B64]);
    const services = await store.get(apiextensions.customResourceDefinitions, undefined, 'services.serving.knative.dev');
    expect(services.spec.conversion?.webhook?.clientConfig?.caBundle).toBe(CA_B64);
    expect(services.spec.conversion?.webhook?.clientConfig?.service?.path).toBe('/resource-conversion');
    const routes = await store.get(apiextensions.customResourceDefinitions, undefined, 'routes.serving.knative.dev');
    expect(routes.spec.conversion).toEqual({ strategy: 'None' });
  });

  test('a second pass changes nothing', async () => {
    const store = await seed();
    await patchCABundles(store, targets, CA);
    const version = store.resourceVersion;
    const outcomes = await patchCABundles(store, targets, CA);
    expect(outcomes['MutatingWebhookConfiguration/webhook.serving.knative.dev']).toBe('unchanged');
    expect(outcomes['CustomResourceDefinition/services.serving.knative.dev']).toBe('unchanged');
    expect(store.resourceVersion).toBe(version);
  });
});
