import { X509Certificate } from 'node:crypto';
import { admissionregistration, apiextensions, core, setServiceDefaults, type Service } from '@knot/api';
import { applyJsonPatch, noopLogger, type JsonPatchOperation } from '@knot/runtime';
import { FakeClock } from '@knot/runtime/testing';
import { admissionReview, userService } from './testing-fixtures/reviews.js';
import { installedStore, postJson, request, SERVICE_HOST, startWebhook, SYSTEM_NAMESPACE } from './testing-fixtures/webhook-fixture.js';

const DAY = 24 * 60 * 60 * 1000;
const b64 = (s: string) => Buffer.from(s).toString('base64');

interface ReviewReply {
  response: { uid: string; allowed: boolean; patch?: string; patchType?: string; result?: { message?: string; details?: { causes: { field: string }[] } } };
}

describe('start', () => {
  test('the first start stores certificates and patches the CA into every target', async () => {
    const { webhook, store, stop } = await startWebhook(await installedStore());
    try {
      const secret = await store.get(core.secrets, SYSTEM_NAMESPACE, 'webhook-certs');
      const ca = Buffer.from(secret.data?.['ca-cert.pem'] ?? '', 'base64').toString();
      expect(ca).toBe(webhook.caCert());
      const server = new X509Certificate(Buffer.from(secret.data?.['server-cert.pem'] ?? '', 'base64'));
      expect(server.verify(new X509Certificate(ca).publicKey)).toBe(true);
      expect(server.checkHost(SERVICE_HOST)).toBe(SERVICE_HOST);

      const mutating = await store.get(admissionregistration.mutatingWebhookConfigurations, undefined, 'webhook.serving.knative.dev');
      const validating = await store.get(admissionregistration.validatingWebhookConfigurations, undefined, 'validation.webhook.serving.knative.dev');
      const crd = await store.get(apiextensions.customResourceDefinitions, undefined, 'services.serving.knative.dev');
      expect(mutating.webhooks?.[0]?.clientConfig.caBundle).toBe(b64(ca));
      expect(validating.webhooks?.[0]?.clientConfig.caBundle).toBe(b64(ca));
      expect(crd.spec.conversion?.webhook?.clientConfig?.caBundle).toBe(b64(ca));
    } finally {
      await stop();
    }
  });

  test('a second start reuses the stored certificates', async () => {
    const store = await installedStore();
    const first = await startWebhook(store);
    const ca = first.webhook.caCert();
    await first.stop();
    const second = await startWebhook(store);
    try {
      expect(second.webhook.caCert()).toBe(ca);
      expect((await request(second.webhook.port, ca, '/healthz', { method: 'GET' })).status).toBe(200);
    } finally {
      await second.stop();
    }
  });

  test('serves TLS only for the Service\'s names, with probes', async () => {
    const { webhook, stop } = await startWebhook(await installedStore());
    try {
      const ca = webhook.caCert();
      expect((await request(webhook.port, ca, '/healthz', { method: 'GET' })).status).toBe(200);
      expect((await request(webhook.port, ca, '/readyz', { method: 'GET' })).status).toBe(200);
      expect((await request(webhook.port, ca, '/healthz', { method: 'GET', servername: `${SERVICE_HOST}.cluster.local` })).status).toBe(200);
      await expect(request(webhook.port, ca, '/healthz', { method: 'GET', servername: 'evil.example.com' })).rejects.toThrow(/altnames|Hostname/);
    } finally {
      await stop();
    }
  });

  test('a valid Service is allowed with a patch that yields the defaulted Service; an invalid one is denied naming the field', async () => {
    const { webhook, stop } = await startWebhook(await installedStore());
    try {
      const service = userService();
      const reply = (await postJson(webhook.port, webhook.caCert(), '/defaulting', admissionReview({ object: service, username: 'alice' }))).json() as ReviewReply;
      expect(reply.response).toMatchObject({ uid: '705ab4f5-6393-11e8-b7cc-42010a800002', allowed: true, patchType: 'JSONPatch' });
      const ops = JSON.parse(Buffer.from(reply.response.patch ?? '', 'base64').toString()) as JsonPatchOperation[];
      const defaulted = applyJsonPatch(service, ops);
      expect(defaulted).toEqual(setServiceDefaults(service as unknown as Service, { user: 'alice' }));

      const valid = (await postJson(webhook.port, webhook.caCert(), '/resource-validation', admissionReview({ object: defaulted }))).json() as ReviewReply;
      expect(valid.response.allowed).toBe(true);

      const bad = applyJsonPatch(defaulted, [{ op: 'replace', path: '/spec/template/spec/containerConcurrency', value: 5000 }]);
      const denied = (await postJson(webhook.port, webhook.caCert(), '/resource-validation', admissionReview({ object: bad }))).json() as ReviewReply;
      expect(denied.response.allowed).toBe(false);
      expect(denied.response.result?.message).toBe('validation failed: spec.template.spec.containerConcurrency: must be between 0 and 1000, got 5000');
      expect(denied.response.result?.details?.causes.map((c) => c.field)).toEqual(['spec.template.spec.containerConcurrency']);
    } finally {
      await stop();
    }
  });

  test('config-defaults from the system namespace apply, and changes apply to the next request', async () => {
    const store = await installedStore();
    await store.create(core.configMaps, { metadata: { name: 'config-defaults', namespace: SYSTEM_NAMESPACE }, data: { 'revision-timeout-seconds': '120' } });
    const { webhook, stop } = await startWebhook(store);
    const timeoutOf = async () => {
      const reply = (await postJson(webhook.port, webhook.caCert(), '/defaulting', admissionReview({ object: userService() }))).json() as ReviewReply;
      const ops = JSON.parse(Buffer.from(reply.response.patch ?? '', 'base64').toString()) as JsonPatchOperation[];
      return (applyJsonPatch(userService(), ops) as Service).spec.template.spec.timeoutSeconds;
    };
    try {
      expect(await timeoutOf()).toBe(120);
      const cm = await store.get(core.configMaps, SYSTEM_NAMESPACE, 'config-defaults');
      await store.update(core.configMaps, { ...cm, data: { 'revision-timeout-seconds': '90' } });
      await store.settled();
      expect(await timeoutOf()).toBe(90);
    } finally {
      await stop();
    }
  });

  test('certificates near expiry are replaced while serving, and the new CA is patched in', async () => {
    const clock = new FakeClock(Date.now() - 4 * DAY);
    const store = await installedStore(clock);
    const { webhook, stop } = await startWebhook(store, { clock, certValidityMs: 10 * DAY, certMinRemainingMs: 7 * DAY, certCheckIntervalMs: 4 * DAY });
    try {
      const oldCa = webhook.caCert();
      await clock.advanceAsync(4 * DAY);
      // Key generation is real WebCrypto work: wait for it (bounded), not for a number of ticks.
      for (const deadline = performance.now() + 10_000; webhook.caCert() === oldCa && performance.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const newCa = webhook.caCert();
      expect(newCa).not.toBe(oldCa);
      expect((await request(webhook.port, newCa, '/healthz', { method: 'GET' })).status).toBe(200);
      await expect(request(webhook.port, oldCa, '/healthz', { method: 'GET' })).rejects.toThrow();
      const mutating = await store.get(admissionregistration.mutatingWebhookConfigurations, undefined, 'webhook.serving.knative.dev');
      expect(mutating.webhooks?.[0]?.clientConfig.caBundle).toBe(b64(newCa));
    } finally {
      await stop();
    }
  });

  test('stopping drains readiness and closes the server', async () => {
    const { webhook, stop } = await startWebhook(await installedStore(), { logger: noopLogger });
    const ca = webhook.caCert();
    await stop();
    expect(webhook.readiness.ready).toBe(false);
    await expect(request(webhook.port, ca, '/healthz', { method: 'GET' })).rejects.toThrow(/ECONNREFUSED/);
  });
});
