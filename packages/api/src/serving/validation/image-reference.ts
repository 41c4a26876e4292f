// Container image references with the weak rules Knative's webhook applies
// (go-containerregistry name.ParseReference with WeakValidation).

const TAG = /^[A-Za-z0-9_.-]{1,127}$/;
const REPOSITORY = /^[a-z0-9_./-]{2,255}$/;
const REGISTRY = /^([A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\])(:\d*)?$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

function repositoryProblem(name: string): string | undefined {
  if (name === '') return 'a repository name must be specified';
  const slash = name.indexOf('/');
  let repo = name;
  // The first path part is a registry only when it looks like a host: has a '.' or a ':'.
  if (slash >= 0) {
    const first = name.slice(0, slash);
    if (first.includes('.') || first.includes(':')) {
      if (!REGISTRY.test(first)) return `registry ${JSON.stringify(first)} is not a host[:port]`;
      repo = name.slice(slash + 1);
    }
  }
  if (!REPOSITORY.test(repo)) {
    return `repository ${JSON.stringify(repo)} must be 2 to 255 characters of lowercase letters, digits, '_', '-', '.' and '/'`;
  }
  return undefined;
}

/** The repository part of `name:tag`, or a problem with it. */
function splitTag(name: string): { base: string } | { problem: string } {
  const colon = name.lastIndexOf(':');
  // A ':' before the last '/' is a registry port, not a tag.
  if (colon < 0 || name.slice(colon + 1).includes('/')) return { base: name };
  const tag = name.slice(colon + 1);
  if (!TAG.test(tag)) return { problem: `tag ${JSON.stringify(tag)} must be 1 to 127 letters, digits, '_', '-' or '.'` };
  return { base: name.slice(0, colon) };
}

/** What is wrong with `image` as a container image reference, or undefined when it parses. */
export function imageReferenceProblem(image: string): string | undefined {
  const at = image.split('@');
  if (at.length > 2) return "a digest reference has exactly one '@'";
  const [named = '', digest] = at;
  if (digest !== undefined && !DIGEST.test(digest)) return `digest ${JSON.stringify(digest)} must be sha256: and 64 lowercase hex digits`;
  const split = splitTag(named);
  if ('problem' in split) return split.problem;
  return repositoryProblem(split.base);
}
