// Keeps the webhook's CA and serving certificate in a Secret, as Knative's webhook does:
// reused while valid, regenerated when missing, unusable or close to expiry.
import type { Secret } from 'kubernetes-types/core/v1.js';
import { core } from '@knot/api';
import { isAlreadyExists, isConflict, isNotFound, noopLogger, type Client, type Logger } from '@knot/runtime';
import { bundleProblem, CA_CERT_KEY, generateCertBundle, SERVER_CERT_KEY, SERVER_KEY_KEY, type CertBundle } from './cert-bundle.js';

export interface CertSecretOptions {
  readonly secretName: string;
  /** The system namespace: the Secret's and the webhook Service's. */
  readonly namespace: string;
  readonly serviceName: string;
  readonly now: () => Date;
  /** How long generated certificates are valid. */
  readonly validityMs: number;
  /** Certificates closer than this to expiry are replaced. */
  readonly minRemainingMs: number;
  readonly logger?: Logger;
}

export interface EnsuredBundle {
  readonly bundle: CertBundle;
  /** Whether this call generated the bundle (and so the caBundle must be patched in). */
  readonly generated: boolean;
}

const MAX_ATTEMPTS = 5;

/** The usable bundle from the Secret, generating and storing a new one when needed; replicas racing converge on one. */
export async function ensureCertSecret(client: Client, opts: CertSecretOptions): Promise<EnsuredBundle> {
  const log = opts.logger ?? noopLogger;
  const dnsName = `${opts.serviceName}.${opts.namespace}.svc`;
  for (let attempt = 1; ; attempt++) {
    const secret = await getSecret(client, opts);
    const stored = secret && bundleOf(secret);
    const problem = stored ? bundleProblem(stored, dnsName, opts.now(), opts.minRemainingMs) : 'no certificates stored';
    if (stored && !problem) return { bundle: stored, generated: false };
    log.info({ secret: opts.secretName, reason: problem }, 'generating webhook certificates');
    const bundle = await generateCertBundle({ serviceName: opts.serviceName, namespace: opts.namespace, now: opts.now(), validityMs: opts.validityMs });
    try {
      if (secret) await client.update(core.secrets, { ...secret, data: { ...secret.data, ...encode(bundle) } });
      else await client.create(core.secrets, { apiVersion: 'v1', kind: 'Secret', metadata: { name: opts.secretName, namespace: opts.namespace }, data: encode(bundle) });
      return { bundle, generated: true };
    } catch (err) {
      // Another replica wrote first: read its bundle on the next pass.
      if (!(isConflict(err) || isAlreadyExists(err)) || attempt >= MAX_ATTEMPTS) throw err;
    }
  }
}

async function getSecret(client: Client, opts: CertSecretOptions): Promise<Secret | undefined> {
  try {
    return await client.get(core.secrets, opts.namespace, opts.secretName);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

function bundleOf(secret: Secret): CertBundle | undefined {
  const data = secret.data ?? {};
  const caCert = decode(data[CA_CERT_KEY]);
  const serverCert = decode(data[SERVER_CERT_KEY]);
  const serverKey = decode(data[SERVER_KEY_KEY]);
  return caCert && serverCert && serverKey ? { caCert, serverCert, serverKey } : undefined;
}

function decode(value: string | undefined): string | undefined {
  return value ? Buffer.from(value, 'base64').toString('utf8') : undefined;
}

function encode(bundle: CertBundle): Record<string, string> {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  return { [CA_CERT_KEY]: b64(bundle.caCert), [SERVER_CERT_KEY]: b64(bundle.serverCert), [SERVER_KEY_KEY]: b64(bundle.serverKey) };
}
