// A webhook started on port 0 over a MemoryStore, and an HTTPS client that trusts its CA.
import https from 'node:https';
import { admissionregistration, apiextensions } from '@knot/api';
import { MemoryStore, noopLogger, systemClock, type Clock } from '@knot/runtime';
import { start, type RunningWebhook, type WebhookDeps } from '../index.js';

export const SYSTEM_NAMESPACE = 'knative-serving';
export const SERVICE_HOST = 'webhook.knative-serving.svc';

export const TARGETS = {
  mutatingWebhookConfigurations: ['webhook.serving.knative.dev'],
  validatingWebhookConfigurations: ['validation.webhook.serving.knative.dev'],
  customResourceDefinitions: ['services.serving.knative.dev'],
};

/** A store holding what an install applies before the webhook starts. */
export async function installedStore(clock?: Clock): Promise<MemoryStore> {
  const store = new MemoryStore({ initialNamespaces: ['default', SYSTEM_NAMESPACE], clock });
  const service = { name: 'webhook', namespace: SYSTEM_NAMESPACE };
  await store.create(admissionregistration.mutatingWebhookConfigurations, {
    metadata: { name: 'webhook.serving.knative.dev' },
    webhooks: [{ name: 'webhook.serving.knative.dev', admissionReviewVersions: ['v1'], sideEffects: 'None', clientConfig: { service: { ...service, path: '/defaulting' } } }],
  });
  await store.create(admissionregistration.validatingWebhookConfigurations, {
    metadata: { name: 'validation.webhook.serving.knative.dev' },
    webhooks: [{ name: 'validation.webhook.serving.knative.dev', admissionReviewVersions: ['v1'], sideEffects: 'None', clientConfig: { service: { ...service, path: '/resource-validation' } } }],
  });
  await store.create(apiextensions.customResourceDefinitions, {
    metadata: { name: 'services.serving.knative.dev' },
    spec: {
      group: 'serving.knative.dev', names: { plural: 'services', kind: 'Service' }, scope: 'Namespaced', versions: [],
      conversion: { strategy: 'Webhook', webhook: { conversionReviewVersions: ['v1'], clientConfig: { service: { ...service, path: '/resource-conversion' } } } },
    },
  });
  return store;
}

export interface StartedWebhook {
  readonly webhook: RunningWebhook;
  readonly store: MemoryStore;
  readonly stop: () => Promise<void>;
}

export async function startWebhook(store: MemoryStore, overrides: Partial<WebhookDeps> = {}): Promise<StartedWebhook> {
  const controller = new AbortController();
  const webhook = await start({
    client: store,
    clock: systemClock,
    logger: noopLogger,
    signal: controller.signal,
    port: 0,
    host: '127.0.0.1',
    systemNamespace: SYSTEM_NAMESPACE,
    serviceName: 'webhook',
    secretName: 'webhook-certs',
    caBundleTargets: TARGETS,
    ...overrides,
  });
  return {
    webhook,
    store,
    stop: async () => {
      controller.abort();
      await webhook.done;
    },
  };
}

export interface HttpReply {
  readonly status: number;
  readonly body: string;
  readonly json: () => unknown;
}

export interface RequestOptions {
  readonly method?: string;
  readonly contentType?: string;
  readonly body?: string | Buffer;
  /** The TLS server name to verify; default the webhook Service's. */
  readonly servername?: string;
}

/** One HTTPS request that trusts only `ca`; rejects on TLS or connection errors. */
export function request(port: number, ca: string, path: string, opts: RequestOptions = {}): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1', port, path, ca, servername: opts.servername ?? SERVICE_HOST, method: opts.method ?? 'POST', agent: false,
        headers: opts.body !== undefined ? { 'content-type': opts.contentType ?? 'application/json', 'content-length': Buffer.byteLength(opts.body) } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body, json: () => JSON.parse(body) as unknown });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** POSTs a JSON review. */
export function postJson(port: number, ca: string, path: string, body: unknown): Promise<HttpReply> {
  return request(port, ca, path, { body: JSON.stringify(body) });
}
