// The slice of the OCI distribution API that digest resolution needs: a manifest's
// digest by tag, with the registries' Bearer token flow and Basic credentials.
import { createHash } from 'node:crypto';
import { DOCKER_HUB_REGISTRY } from '@knot/api';
import type { BasicCredentials } from './pull-credentials.js';
import { RegistryError } from './registry-error.js';
import { discard, MAX_SMALL_BODY_BYTES, readLimited, send, statusError } from './registry-http.js';
import { parseWwwAuthenticate, type AuthChallenge } from './www-authenticate.js';

/** Every manifest kind a tag can point at: OCI index and manifest, Docker manifest list and v2 manifest. */
const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');
/** Manifests are a few KiB; index manifests of many platforms stay far below this. */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
/** Docker Hub's name in image references is not the host that serves its API. */
const DOCKER_HUB_API_HOST = 'registry-1.docker.io';

export interface RegistryClientOptions {
  /** Registries (host[:port], or host for every port) spoken to over plain http; localhost and loopback addresses always are. */
  readonly insecureRegistries?: readonly string[];
  /** Sent as User-Agent, so registry operators can tell who asks. */
  readonly userAgent?: string;
}

export interface ManifestRequest {
  /** host[:port], as ImageReference.registry. */
  readonly registry: string;
  /** The repository path, as ImageReference.repository. */
  readonly repository: string;
  /** A tag or a digest. */
  readonly reference: string;
  /** Sent to the token endpoint, or to the registry when it asks for Basic auth. */
  readonly credentials?: BasicCredentials | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** The Authorization a manifest request carries, obtained once per resolution from the first challenge. */
interface Session {
  authorization: string | undefined;
  challenged: boolean;
}

function hostOf(registry: string): string {
  return registry.startsWith('[') ? registry.slice(0, registry.indexOf(']') + 1) : registry.replace(/:\d*$/, '');
}

function basic(c: BasicCredentials): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
}

/** Talks to container registries over their v2 HTTP API with the global fetch. */
export class RegistryClient {
  readonly #insecure: ReadonlySet<string>;
  readonly #userAgent: string | undefined;

  constructor(opts: RegistryClientOptions = {}) {
    this.#insecure = new Set(opts.insecureRegistries ?? []);
    this.#userAgent = opts.userAgent;
  }

  /** `http` for localhost, loopback and insecure registries, `https` for the rest. */
  scheme(registry: string): 'http' | 'https' {
    const host = hostOf(registry);
    if (this.#insecure.has(registry) || this.#insecure.has(host)) return 'http';
    return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) ? 'http' : 'https';
  }

  /** Where the registry's v2 API lives, e.g. `https://ghcr.io`. */
  baseUrl(registry: string): string {
    return `${this.scheme(registry)}://${registry === DOCKER_HUB_REGISTRY ? DOCKER_HUB_API_HOST : registry}`;
  }

  /**
   * The digest of the manifest `reference` names: the registry's Docker-Content-Digest
   * from a HEAD, else the sha256 of the manifest a GET returns. Throws RegistryError.
   */
  async manifestDigest(req: ManifestRequest): Promise<string> {
    const url = `${this.baseUrl(req.registry)}/v2/${req.repository}/manifests/${req.reference}`;
    const session: Session = { authorization: undefined, challenged: false };
    const head = await this.#manifest('HEAD', url, req, session);
    if (head.ok) {
      const digest = head.headers.get('docker-content-digest')?.trim() ?? '';
      if (DIGEST.test(digest)) return digest;
    }
    // A HEAD has no body: GET for registries that leave the header out, and for the error's details.
    const get = await this.#manifest('GET', url, req, session);
    if (!get.ok) throw await statusError('GET', url, get, req.signal);
    const body = await readLimited('GET', url, get, MAX_MANIFEST_BYTES, req.signal);
    if (!body) throw new RegistryError('UnexpectedResponse', `GET ${url}: manifest larger than ${MAX_MANIFEST_BYTES} bytes`);
    return `sha256:${createHash('sha256').update(body).digest('hex')}`;
  }

  /** One manifest request; on the first 401 it answers the challenge and retries once. */
  async #manifest(method: 'HEAD' | 'GET', url: string, req: ManifestRequest, session: Session): Promise<Response> {
    const res = await send(method, url, this.#headers(MANIFEST_ACCEPT, session.authorization), req.signal);
    if (res.status !== 401 || session.challenged) return res;
    session.challenged = true;
    const challenges = parseWwwAuthenticate(res.headers.get('www-authenticate') ?? '');
    const authorization = await this.#authorize(challenges, req);
    // Without a way to answer, the 401 is the answer.
    if (authorization === undefined) return res;
    await discard(res);
    session.authorization = authorization;
    return send(method, url, this.#headers(MANIFEST_ACCEPT, authorization), req.signal);
  }

  #headers(accept: string, authorization: string | undefined): Record<string, string> {
    const headers: Record<string, string> = { accept };
    if (authorization) headers['authorization'] = authorization;
    if (this.#userAgent) headers['user-agent'] = this.#userAgent;
    return headers;
  }

  /** The Authorization that answers the registry's challenge: a Bearer token (anonymous or from credentials) or Basic credentials. */
  async #authorize(challenges: readonly AuthChallenge[], req: ManifestRequest): Promise<string | undefined> {
    const bearer = challenges.find((c) => c.scheme === 'bearer' && c.params['realm']);
    if (bearer) return `Bearer ${await this.#token(bearer, req)}`;
    if (req.credentials && challenges.some((c) => c.scheme === 'basic')) return basic(req.credentials);
    return undefined;
  }

  /** A token from the challenge's realm for the challenge's scope, pull access to the repository when it names none. */
  async #token(challenge: AuthChallenge, req: ManifestRequest): Promise<string> {
    const realm = challenge.params['realm'] ?? '';
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw new RegistryError('TokenUnavailable', `the registry's token realm ${JSON.stringify(realm)} is not a URL`);
    }
    // Credentials go over plain http only to a registry we already speak plain http to.
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.scheme(req.registry) === 'http')) {
      throw new RegistryError('TokenUnavailable', `the registry's token realm ${JSON.stringify(realm)} is not https`);
    }
    const service = challenge.params['service'];
    if (service) url.searchParams.set('service', service);
    const scopes = (challenge.params['scope'] ?? `repository:${req.repository}:pull`).split(' ').filter((s) => s !== '');
    for (const scope of scopes) url.searchParams.append('scope', scope);
    const where = `${url.origin}${url.pathname}`;

    const res = await send('GET', url.href, this.#headers('application/json', req.credentials && basic(req.credentials)), req.signal);
    if (!res.ok) {
      const err = await statusError('GET', where, res, req.signal);
      throw new RegistryError('TokenUnavailable', `token request failed: ${err.message}`, { cause: err });
    }
    const body = await readLimited('GET', where, res, MAX_SMALL_BODY_BYTES, req.signal);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body?.toString('utf8') ?? '');
    } catch {
      parsed = undefined;
    }
    const fields = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    const token = [fields['token'], fields['access_token']].find((t): t is string => typeof t === 'string' && t !== '');
    if (!token) throw new RegistryError('TokenUnavailable', `GET ${where}: the answer has no token`);
    return token;
  }
}
