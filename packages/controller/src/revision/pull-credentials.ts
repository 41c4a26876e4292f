// The credentials a revision's pods would pull with, read the way go-containerregistry's
// k8schain does: the revision's imagePullSecrets, then its service account's.
import { core } from '@knot/api';
import { isNotFound, type Client } from '@knot/runtime';
import type { Secret } from 'kubernetes-types/core/v1.js';
import { RegistryError } from './registry-error.js';

export interface BasicCredentials {
  readonly username: string;
  readonly password: string;
}

interface Entry {
  readonly host: string;
  /** Repository path prefix the entry is limited to; '' for the whole registry. */
  readonly path: string;
  readonly credentials: BasicCredentials;
}

const DOCKER_HUB_ALIASES = new Set(['index.docker.io', 'docker.io', 'registry-1.docker.io']);

/** Docker Hub has several names; config files use any of them. */
function canonicalHost(host: string): string {
  const lower = host.toLowerCase();
  return DOCKER_HUB_ALIASES.has(lower) ? 'docker.io' : lower;
}

/** `*` in a key's host matches one DNS label, as in the kubelet's keyring. */
function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.split('.');
  const h = host.split('.');
  return p.length === h.length && p.every((label, i) => label === '*' || label === h[i]);
}

/** A config key (`host`, `host/path`, `https://host/v1/`) as host and path prefix. */
function parseKey(key: string): { host: string; path: string } | undefined {
  const withScheme = /^https?:\/\//i.test(key) ? key : `https://${key}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  // The Docker client treats /v1/ and /v2/ as the registry itself.
  const path = url.pathname.replace(/^\/v[12](?=\/|$)/, '').replace(/^\/+|\/+$/g, '');
  return { host: canonicalHost(url.host), path };
}

/** The registries' credentials from some docker config secrets; the most specific entry for an image wins. */
export class PullKeychain {
  static readonly EMPTY = new PullKeychain([]);
  readonly #entries: readonly Entry[];

  constructor(entries: readonly Entry[]) {
    // Longer keys are more specific (a path beats the bare host); the sort is stable, so earlier secrets win ties.
    this.#entries = [...entries].sort((a, b) => b.host.length + b.path.length - (a.host.length + a.path.length));
  }

  /** Credentials for `registry` (host[:port]) and `repository`, or undefined to pull anonymously. */
  credentialsFor(registry: string, repository: string): BasicCredentials | undefined {
    const host = canonicalHost(registry);
    return this.#entries.find((e) => hostMatches(e.host, host) && (e.path === '' || repository === e.path || repository.startsWith(`${e.path}/`)))?.credentials;
  }
}

function credentialsOf(value: unknown): BasicCredentials | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v['auth'] === 'string' && v['auth'] !== '') {
    const decoded = Buffer.from(v['auth'], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (typeof v['username'] === 'string' && typeof v['password'] === 'string' && v['username'] !== '') return { username: v['username'], password: v['password'] };
  return undefined;
}

/** The entries of one kubernetes.io/dockerconfigjson or kubernetes.io/dockercfg secret; others contribute none. */
function secretEntries(secret: Secret): Entry[] {
  const name = `${secret.metadata?.namespace ?? ''}/${secret.metadata?.name ?? ''}`;
  const field = secret.type === 'kubernetes.io/dockerconfigjson' ? '.dockerconfigjson' : secret.type === 'kubernetes.io/dockercfg' ? '.dockercfg' : undefined;
  const data = field ? secret.data?.[field] : undefined;
  if (!field || !data) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(data, 'base64').toString('utf8'));
  } catch (err) {
    throw new RegistryError('CredentialsUnavailable', `failed to initialize authentication: secret ${name}: ${field} is not JSON`, { cause: err });
  }
  const auths: unknown = field === '.dockerconfigjson' && typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)['auths'] : parsed;
  if (typeof auths !== 'object' || auths === null) return [];
  const out: Entry[] = [];
  for (const [key, value] of Object.entries(auths)) {
    const at = parseKey(key);
    const credentials = credentialsOf(value);
    if (at && credentials) out.push({ ...at, credentials });
  }
  return out;
}

/** A keychain from docker config secrets, in the order given. */
export function keychainFromSecrets(secrets: readonly Secret[]): PullKeychain {
  return new PullKeychain(secrets.flatMap(secretEntries));
}

export interface PullIdentity {
  readonly namespace: string;
  /** The pods' service account; `default` when unset, as for the pods. */
  readonly serviceAccountName: string | undefined;
  readonly imagePullSecrets: readonly string[];
}

/** Reads the pull secrets a revision's pods would use; missing ones are skipped, as the kubelet does. */
export async function loadPullKeychain(client: Client, who: PullIdentity): Promise<PullKeychain> {
  const fail = (what: string) => (err: unknown) => {
    if (isNotFound(err)) return undefined;
    throw new RegistryError('CredentialsUnavailable', `failed to initialize authentication: reading ${what}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  };
  const secret = (name: string) => client.get(core.secrets, who.namespace, name).catch(fail(`secret ${who.namespace}/${name}`));
  const saName = who.serviceAccountName || 'default';
  const [explicit, sa] = await Promise.all([
    Promise.all(who.imagePullSecrets.map(secret)),
    client.get(core.serviceAccounts, who.namespace, saName).catch(fail(`serviceaccount ${who.namespace}/${saName}`)),
  ]);
  const fromSa = await Promise.all((sa?.imagePullSecrets ?? []).flatMap((ref) => (ref.name ? [secret(ref.name)] : [])));
  return keychainFromSecrets([...explicit, ...fromSa].filter((s): s is Secret => s !== undefined));
}
