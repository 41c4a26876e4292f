// Container image references with the weak rules Knative's webhook applies
// (go-containerregistry name.ParseReference with WeakValidation).

const TAG = /^[A-Za-z0-9_.-]{1,127}$/;
const REPOSITORY = /^[a-z0-9_./-]{2,255}$/;
const REGISTRY = /^([A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\])(:\d*)?$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** Docker Hub's registry name, used when a reference names no registry (go-containerregistry's name.DefaultRegistry). */
export const DOCKER_HUB_REGISTRY = 'index.docker.io';
/** The tag a reference without tag or digest means. */
export const DEFAULT_IMAGE_TAG = 'latest';

/** An image reference taken apart the way go-containerregistry's name package does. */
export interface ImageReference {
  /** `host[:port]`; `index.docker.io` when the reference names none or says `docker.io`. */
  readonly registry: string;
  /** The path inside the registry, `library/`-prefixed for Docker Hub names without a `/`. */
  readonly repository: string;
  /** The tag as written, `latest` when neither tag nor digest is given, undefined for a bare digest. */
  readonly tag: string | undefined;
  /** `sha256:…` when the reference is pinned. */
  readonly digest: string | undefined;
}

/** An image reference that does not parse; `message` says which part and why. */
export class ImageReferenceError extends Error {
  override readonly name = 'ImageReferenceError';
  readonly code = 'InvalidImageReference';
}

type Parsed = ImageReference | { readonly problem: string };

function parseRepository(name: string): { registry: string; repository: string } | { problem: string } {
  if (name === '') return { problem: 'a repository name must be specified' };
  const slash = name.indexOf('/');
  let registry = '';
  let repo = name;
  // The first path part is a registry only when it looks like a host: has a '.' or a ':'.
  if (slash >= 0) {
    const first = name.slice(0, slash);
    if (first.includes('.') || first.includes(':')) {
      if (!REGISTRY.test(first)) return { problem: `registry ${JSON.stringify(first)} is not a host[:port]` };
      registry = first;
      repo = name.slice(slash + 1);
    }
  }
  if (!REPOSITORY.test(repo)) {
    return { problem: `repository ${JSON.stringify(repo)} must be 2 to 255 characters of lowercase letters, digits, '_', '-', '.' and '/'` };
  }
  if (registry === '' || registry === 'docker.io') registry = DOCKER_HUB_REGISTRY;
  // Docker Hub's official images live under library/.
  const repository = registry === DOCKER_HUB_REGISTRY && !repo.includes('/') ? `library/${repo}` : repo;
  return { registry, repository };
}

/** The repository part of `name:tag` and the tag, or a problem with it. */
function splitTag(name: string): { base: string; tag: string | undefined } | { problem: string } {
  const colon = name.lastIndexOf(':');
  // A ':' before the last '/' is a registry port, not a tag.
  if (colon < 0 || name.slice(colon + 1).includes('/')) return { base: name, tag: undefined };
  const tag = name.slice(colon + 1);
  if (!TAG.test(tag)) return { problem: `tag ${JSON.stringify(tag)} must be 1 to 127 letters, digits, '_', '-' or '.'` };
  return { base: name.slice(0, colon), tag };
}

function parse(image: string): Parsed {
  const at = image.split('@');
  if (at.length > 2) return { problem: "a digest reference has exactly one '@'" };
  const [named = '', digest] = at;
  if (digest !== undefined && !DIGEST.test(digest)) return { problem: `digest ${JSON.stringify(digest)} must be sha256: and 64 lowercase hex digits` };
  const split = splitTag(named);
  if ('problem' in split) return split;
  const repo = parseRepository(split.base);
  if ('problem' in repo) return repo;
  return { ...repo, tag: split.tag ?? (digest === undefined ? DEFAULT_IMAGE_TAG : undefined), digest };
}

/** What is wrong with `image` as a container image reference, or undefined when it parses. */
export function imageReferenceProblem(image: string): string | undefined {
  const parsed = parse(image);
  return 'problem' in parsed ? parsed.problem : undefined;
}

/** `image` taken apart into registry, repository, tag and digest; throws ImageReferenceError when it does not parse. */
export function parseImageReference(image: string): ImageReference {
  const parsed = parse(image);
  if ('problem' in parsed) throw new ImageReferenceError(`invalid image reference ${JSON.stringify(image)}: ${parsed.problem}`);
  return parsed;
}
