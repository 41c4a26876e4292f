import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createProbeHandler, Readiness, type ComponentDeps, type RunningComponent } from '@knot/runtime';
import type { CABundleTargets } from './certs/ca-bundle.js';
import { CertKeeper } from './certs/cert-keeper.js';
import { ServingConfigWatcher } from './config/config-watcher.js';
import type { ServingConfigSource } from './config/serving-configs.js';
import { DEFAULT_MAX_BODY_BYTES } from './server/read-body.js';
import { webhookRoutes } from './server/routes.js';
import { createWebhookHandler } from './server/webhook-handler.js';

export { WEBHOOK_PATHS } from './server/routes.js';
export { DEFAULT_SERVING_CONFIGS, type ServingConfigs, type ServingConfigSource } from './config/serving-configs.js';
export type { CABundleTargets } from './certs/ca-bundle.js';
export { admitDefaulting } from './admission/defaulting.js';
export { admitValidation } from './admission/validation.js';
export { admitConfigMap } from './admission/config-validation.js';
export { parseAdmissionReview, type AdmissionRequest, type AdmissionResponse } from './admission/admission-review.js';
export { convertObjects } from './conversion/convert-objects.js';
export { createJsonPatch } from './patch/json-diff.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface WebhookDeps extends ComponentDeps {
  /** HTTPS port; 0 picks a free one. */
  readonly port: number;
  readonly host?: string;
  /** Where the webhook's Service, Secret and config maps live (knative-serving). */
  readonly systemNamespace: string;
  /** The webhook's Service name: the certificate covers `<serviceName>.<systemNamespace>.svc`. */
  readonly serviceName: string;
  /** The Secret holding the CA and serving certificate. */
  readonly secretName: string;
  /** Where the CA is patched in. */
  readonly caBundleTargets: CABundleTargets;
  /** The config snapshots; by default read from the config maps in systemNamespace. */
  readonly configs?: ServingConfigSource;
  readonly clusterDomain?: string;
  readonly maxBodyBytes?: number;
  /** Default one year. */
  readonly certValidityMs?: number;
  /** Certificates closer than this to expiry are replaced; default 7 days. */
  readonly certMinRemainingMs?: number;
  /** Default one hour. */
  readonly certCheckIntervalMs?: number;
}

export interface RunningWebhook extends RunningComponent {
  /** The bound port (useful with port 0). */
  readonly port: number;
  /** The CA clients (the API server) must trust, PEM; changes when certificates rotate. */
  readonly caCert: () => string;
  readonly readiness: Readiness;
}

/**
 * Starts the admission and conversion webhook: certificates from (or into) the Secret,
 * the CA patched into the webhook configurations and CRDs, then an HTTPS server for
 * /defaulting, /resource-validation, /config-validation and /resource-conversion, plus
 * /healthz and /readyz. Stops when `deps.signal` aborts.
 */
export async function start(deps: WebhookDeps): Promise<RunningWebhook> {
  const log = deps.logger.child({ component: 'webhook' });
  const readiness = new Readiness();
  const keeper = new CertKeeper(deps.client, {
    secretName: deps.secretName,
    namespace: deps.systemNamespace,
    serviceName: deps.serviceName,
    validityMs: deps.certValidityMs ?? 365 * DAY_MS,
    minRemainingMs: deps.certMinRemainingMs ?? 7 * DAY_MS,
    checkIntervalMs: deps.certCheckIntervalMs ?? 60 * 60 * 1000,
    targets: deps.caBundleTargets,
    clock: deps.clock,
    logger: log,
  });
  const bundle = await keeper.init();

  let watcher: ServingConfigWatcher | undefined;
  let configs = deps.configs;
  if (!configs) {
    watcher = new ServingConfigWatcher(deps.client, { namespace: deps.systemNamespace, clusterDomain: deps.clusterDomain, clock: deps.clock, logger: log });
    watcher.start();
    // The first review must already see the installed config-defaults, not the built-in ones.
    if (!(await watcher.waitForSync(deps.signal))) {
      await watcher.stop();
      return { port: 0, caCert: () => bundle.caCert, readiness, done: Promise.resolve() };
    }
    configs = watcher.current;
  }

  const handler = createWebhookHandler({
    routes: webhookRoutes({ configs, systemNamespace: deps.systemNamespace }),
    probes: createProbeHandler({ readiness, logger: log }),
    maxBodyBytes: deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    logger: log,
  });
  const server = https.createServer({ key: bundle.serverKey, cert: bundle.serverCert }, handler);
  let port: number;
  try {
    port = await listen(server, deps.port, deps.host);
  } catch (err) {
    await watcher?.stop();
    throw err;
  }
  keeper.startRotation((next) => server.setSecureContext({ key: next.serverKey, cert: next.serverCert }));
  readiness.setReady(true);
  log.info({ port }, 'webhook serving');

  const done = new Promise<void>((resolve) => {
    const stop = () => {
      readiness.drain();
      keeper.stop();
      void Promise.all([closeServer(server), watcher?.stop()]).finally(() => {
        log.info({}, 'webhook stopped');
        resolve();
      });
    };
    if (deps.signal.aborted) stop();
    else deps.signal.addEventListener('abort', stop, { once: true });
  });
  return { port, caCert: () => keeper.bundle.caCert, readiness, done };
}

function listen(server: https.Server, port: number, host: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: https.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
