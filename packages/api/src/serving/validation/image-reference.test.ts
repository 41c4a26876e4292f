import { ImageReferenceError, imageReferenceProblem, parseImageReference } from './image-reference.js';

const SHA = `sha256:${'a'.repeat(64)}`;

describe('imageReferenceProblem', () => {
  test.each([
    { name: 'docker hub short name', image: 'nginx' },
    { name: 'with tag', image: 'nginx:1.27' },
    { name: 'registry and path', image: 'ghcr.io/knative/helloworld-go:latest' },
    { name: 'registry with port', image: 'localhost:5000/app' },
    { name: 'registry with port and tag', image: 'localhost:5000/app:v1' },
    { name: 'digest', image: `gcr.io/proj/app@${SHA}` },
    { name: 'tag and digest', image: `gcr.io/proj/app:v1@${SHA}` },
    { name: 'ko style path', image: 'ko.local/github.com/org/repo/cmd/app' },
  ])('accepts $name', ({ image }) => {
    expect(imageReferenceProblem(image)).toBeUndefined();
  });

  test.each([
    { name: 'empty', image: '', want: 'must be specified' },
    { name: 'uppercase repository', image: 'Nginx', want: 'repository "Nginx"' },
    { name: 'one character repository', image: 'x', want: 'repository "x"' },
    { name: 'empty tag', image: 'nginx:', want: 'tag ""' },
    { name: 'bad tag', image: 'nginx:v1!', want: 'tag "v1!"' },
    { name: 'short digest', image: 'nginx@sha256:abc', want: 'digest' },
    { name: 'two digests', image: `nginx@${SHA}@${SHA}`, want: "exactly one '@'" },
    { name: 'space', image: 'my image', want: 'repository' },
    { name: 'bad registry', image: 'reg!.io/app', want: 'registry "reg!.io"' },
  ])('rejects $name', ({ image, want }) => {
    expect(imageReferenceProblem(image)).toContain(want);
  });
});

describe('parseImageReference', () => {
  test.each([
    { name: 'docker hub short name gets library/ and latest', image: 'nginx', want: { registry: 'index.docker.io', repository: 'library/nginx', tag: 'latest', digest: undefined } },
    { name: 'docker hub name with an owner keeps it', image: 'bitnami/nginx:1.27', want: { registry: 'index.docker.io', repository: 'bitnami/nginx', tag: '1.27', digest: undefined } },
    { name: 'docker.io is docker hub', image: 'docker.io/nginx:1', want: { registry: 'index.docker.io', repository: 'library/nginx', tag: '1', digest: undefined } },
    { name: 'index.docker.io is docker hub', image: 'index.docker.io/library/nginx', want: { registry: 'index.docker.io', repository: 'library/nginx', tag: 'latest', digest: undefined } },
    { name: 'registry with port, no tag', image: 'localhost:5000/app', want: { registry: 'localhost:5000', repository: 'app', tag: 'latest', digest: undefined } },
    { name: 'registry with port and tag', image: '127.0.0.1:5000/team/app:v1', want: { registry: '127.0.0.1:5000', repository: 'team/app', tag: 'v1', digest: undefined } },
    { name: 'ipv6 registry', image: '[::1]:5000/app:v1', want: { registry: '[::1]:5000', repository: 'app', tag: 'v1', digest: undefined } },
    { name: 'nested repository', image: 'ghcr.io/org/team/svc/api:2024.1', want: { registry: 'ghcr.io', repository: 'org/team/svc/api', tag: '2024.1', digest: undefined } },
    { name: 'a first part without . or : is not a registry', image: 'localhost/app', want: { registry: 'index.docker.io', repository: 'localhost/app', tag: 'latest', digest: undefined } },
    { name: 'digest only', image: `gcr.io/proj/app@${SHA}`, want: { registry: 'gcr.io', repository: 'proj/app', tag: undefined, digest: SHA } },
    { name: 'tag and digest', image: `gcr.io/proj/app:v1@${SHA}`, want: { registry: 'gcr.io', repository: 'proj/app', tag: 'v1', digest: SHA } },
  ])('$name', ({ image, want }) => {
    expect(parseImageReference(image)).toEqual(want);
  });

  test.each([
    { name: 'empty', image: '' },
    { name: 'uppercase repository', image: 'ghcr.io/Org/app' },
    { name: 'bad digest', image: 'nginx@sha256:xyz' },
    { name: 'bad registry', image: 'reg!.io/app:1' },
  ])('throws InvalidImageReference for $name', ({ image }) => {
    const err: unknown = (() => {
      try {
        parseImageReference(image);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ImageReferenceError);
    expect(err).toMatchObject({ code: 'InvalidImageReference' });
    expect((err as Error).message).toContain(`invalid image reference ${JSON.stringify(image)}`);
  });
});
