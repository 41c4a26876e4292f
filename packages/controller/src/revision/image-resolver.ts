import type { ContainerStatus, Revision } from '@knot/api';
import type { Clock } from '@knot/runtime';
import { RevisionResourceError } from './revision-error.js';

export interface ImageResolveOptions {
  readonly namespace: string;
  /** Credentials the pods would pull with. */
  readonly serviceAccountName: string | undefined;
  readonly imagePullSecrets: readonly string[];
  /** config-deployment registries-skipping-tag-resolving: images there are left as they are. */
  readonly registriesSkippingTagResolving: readonly string[];
  /** Aborts after config-deployment's digest-resolution-timeout. */
  readonly signal: AbortSignal;
}

/**
 * Turns an image reference into a digest reference (`repo@sha256:…`), or ''
 * when the image's registry is skipped. DigestResolver asks the registries;
 * tests inject their own.
 */
export interface ImageResolver {
  resolve(image: string, opts: ImageResolveOptions): Promise<string>;
}

/**
 * The container statuses of `rev` with each image's digest, resolving all
 * containers in parallel within `timeoutMs`. Throws RevisionResourceError
 * (`ImageResolution`) with Knative's message for the first image that failed.
 */
export async function resolveDigests(
  rev: Revision,
  resolver: ImageResolver,
  opts: { registriesSkippingTagResolving: readonly string[]; timeoutMs: number; clock: Clock },
): Promise<{ containerStatuses: ContainerStatus[]; initContainerStatuses: ContainerStatus[] }> {
  const abort = new AbortController();
  const signal = abort.signal;
  // A resolver that ignores the signal still loses the race against the deadline.
  const deadline = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
  deadline.catch(() => {});
  const timer = opts.clock.setTimeout(() => abort.abort(), opts.timeoutMs);
  const resolveOpts: ImageResolveOptions = {
    namespace: rev.metadata?.namespace ?? '',
    serviceAccountName: rev.spec.serviceAccountName,
    imagePullSecrets: (rev.spec.imagePullSecrets ?? []).map((s) => s.name ?? '').filter((n) => n !== ''),
    registriesSkippingTagResolving: opts.registriesSkippingTagResolving,
    signal,
  };
  const one = async (c: { name: string; image?: string }): Promise<ContainerStatus> => {
    const image = c.image ?? '';
    try {
      return { name: c.name, imageDigest: await Promise.race([resolver.resolve(image, resolveOpts), deadline]) };
    } catch (err) {
      const why = signal.aborted ? `digest resolution timed out after ${opts.timeoutMs}ms` : err instanceof Error ? err.message : String(err);
      throw new RevisionResourceError('ImageResolution', `Unable to fetch image ${JSON.stringify(image)}: failed to resolve image to digest: ${why}`, { cause: err });
    }
  };
  try {
    const [initContainerStatuses, containerStatuses] = await Promise.all([Promise.all((rev.spec.initContainers ?? []).map(one)), Promise.all((rev.spec.containers ?? []).map(one))]);
    return { containerStatuses, initContainerStatuses };
  } finally {
    opts.clock.clearTimeout(timer);
    abort.abort();
  }
}
