import { imageReferenceProblem } from './image-reference.js';

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
