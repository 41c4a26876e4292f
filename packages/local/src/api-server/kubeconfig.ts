// The kubeconfig `knot dev` writes so kubectl, @kubernetes/client-node and the
// knot CLI reach the local API: one cluster, one user with the bearer token,
// one context, all named knot-dev. The file holds a credential, so only its
// owner may read it.
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { stringify } from 'yaml';

export const KUBECONFIG_CONTEXT = 'knot-dev';
/** The user the local API knows, and the name its credential goes by in the kubeconfig. */
export const LOCAL_API_USER = 'knot-dev-admin';

export interface KubeconfigOptions {
  /** The API's URL, e.g. http://127.0.0.1:6443. */
  readonly url: string;
  readonly token: string;
  /** PEM of the CA the server's certificate is signed by (for https URLs). */
  readonly caCert?: string;
  /** The context's default namespace. */
  readonly namespace?: string;
  /** Default knot-dev-admin. */
  readonly user?: string;
}

export class KubeconfigError extends Error {
  override readonly name = 'KubeconfigError';
  readonly code = 'ERR_KUBECONFIG';
}

/** The kubeconfig document as a plain object. */
export function kubeconfigDocument(opts: KubeconfigOptions): Record<string, unknown> {
  let url: URL;
  try {
    url = new URL(opts.url);
  } catch {
    throw new KubeconfigError(`kubeconfig url: ${JSON.stringify(opts.url)} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new KubeconfigError(`kubeconfig url: expected http or https, got ${url.protocol}`);
  if (!opts.token || /\s/.test(opts.token)) throw new KubeconfigError('kubeconfig token: must be a non-empty string without whitespace');
  const user = opts.user ?? LOCAL_API_USER;
  if (opts.caCert !== undefined && !opts.caCert.includes('-----BEGIN CERTIFICATE-----')) throw new KubeconfigError('kubeconfig caCert: expected a PEM certificate');
  const ca = opts.caCert ? { 'certificate-authority-data': Buffer.from(opts.caCert).toString('base64') } : {};
  return {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [{ name: KUBECONFIG_CONTEXT, cluster: { server: url.origin, ...ca } }],
    users: [{ name: user, user: { token: opts.token } }],
    contexts: [{ name: KUBECONFIG_CONTEXT, context: { cluster: KUBECONFIG_CONTEXT, user, ...(opts.namespace ? { namespace: opts.namespace } : {}) } }],
    'current-context': KUBECONFIG_CONTEXT,
  };
}

/** Writes the kubeconfig with mode 0600 (replacing any file there at once, so no reader sees half of it). */
export async function writeKubeconfig(path: string, opts: KubeconfigOptions): Promise<void> {
  const text = stringify(kubeconfigDocument(opts));
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text, { mode: 0o600 });
  // The mode given to writeFile is masked by the umask; this is not.
  await chmod(temp, 0o600);
  await rename(temp, path);
}
