import type { Revision } from '../v1/revision.js';
import { setRevisionDefaults } from './revision.js';

const revision = (): Revision => ({ metadata: { name: 'hello-00001' }, spec: { containers: [{ name: '', image: 'ghcr.io/x/app' }] } });

describe('setRevisionDefaults', () => {
  test('defaults the spec on create', () => {
    expect(setRevisionDefaults(revision()).spec).toMatchObject({ timeoutSeconds: 300, containerConcurrency: 0, containers: [{ name: 'user-container' }] });
  });

  test('changes nothing on update: the spec is immutable', () => {
    expect(setRevisionDefaults(revision(), { original: revision() })).toEqual(revision());
  });
});
