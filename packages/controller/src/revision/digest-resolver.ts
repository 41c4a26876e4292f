import { DEFAULT_IMAGE_TAG, imageReferenceProblem, parseImageReference } from '@knot/api';
import type { Client } from '@knot/runtime';
import type { ImageResolveOptions, ImageResolver } from './image-resolver.js';
import { loadPullKeychain, PullKeychain } from './pull-credentials.js';
import { RegistryClient, type RegistryClientOptions } from './registry-client.js';
import { RegistryError } from './registry-error.js';

export interface DigestResolverOptions extends RegistryClientOptions {
  /** Reads the revision's imagePullSecrets and service account; without one, registries are asked anonymously. */
  readonly client?: Client;
}

/** Resolves image tags to digests by asking their registries (Knative's digestResolver). */
export class DigestResolver implements ImageResolver {
  readonly #registry: RegistryClient;
  readonly #client: Client | undefined;

  constructor(opts: DigestResolverOptions = {}) {
    this.#registry = new RegistryClient(opts);
    this.#client = opts.client;
  }

  /**
   * `registry/repository@sha256:…` for `image`; `image` itself when it already has a digest;
   * '' when its registry is in registriesSkippingTagResolving. Throws RegistryError.
   */
  async resolve(image: string, opts: ImageResolveOptions): Promise<string> {
    const problem = imageReferenceProblem(image);
    if (problem !== undefined) throw new RegistryError('InvalidReference', `failed to parse image name ${JSON.stringify(image)} into a tag: ${problem}`);
    const ref = parseImageReference(image);
    if (ref.digest !== undefined) return image;
    if (opts.registriesSkippingTagResolving.includes(ref.registry)) return '';
    const keychain = this.#client ? await loadPullKeychain(this.#client, opts) : PullKeychain.EMPTY;
    const digest = await this.#registry.manifestDigest({
      registry: ref.registry,
      repository: ref.repository,
      reference: ref.tag ?? DEFAULT_IMAGE_TAG,
      credentials: keychain.credentialsFor(ref.registry, ref.repository),
      signal: opts.signal,
    });
    return `${ref.registry}/${ref.repository}@${digest}`;
  }
}
