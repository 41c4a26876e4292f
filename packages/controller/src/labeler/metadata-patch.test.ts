import type { KubeObject } from '@knot/api';
import { makeMetadataPatch } from './metadata-patch.js';

const NOW = Date.UTC(2024, 5, 1, 12, 0, 0);
const STAMP = '2024-06-01T12:00:00Z';
const obj = (routes?: string, state?: string): KubeObject => ({
  metadata: {
    name: 'x',
    ...(routes !== undefined ? { annotations: { 'serving.knative.dev/routes': routes } } : {}),
    ...(state ? { labels: { 'serving.knative.dev/routingState': state } } : {}),
  },
});

describe('makeMetadataPatch', () => {
  test.each([
    { name: 'first route on a configuration', o: obj(), remove: false, state: false, want: { metadata: { annotations: { 'serving.knative.dev/routes': 'r' } } } },
    { name: 'second route is added sorted', o: obj('z'), remove: false, state: false, want: { metadata: { annotations: { 'serving.knative.dev/routes': 'r,z' } } } },
    { name: 'already listed', o: obj('r'), remove: false, state: false, want: undefined },
    { name: 'last route removed deletes the annotation', o: obj('r'), remove: true, state: false, want: { metadata: { annotations: { 'serving.knative.dev/routes': null } } } },
    { name: 'one of several removed', o: obj('a,r'), remove: true, state: false, want: { metadata: { annotations: { 'serving.knative.dev/routes': 'a' } } } },
    { name: 'removing an unlisted route', o: obj('a'), remove: true, state: false, want: undefined },
    {
      name: 'a pending revision becomes active',
      o: obj(undefined, 'pending'),
      remove: false,
      state: true,
      want: { metadata: { labels: { 'serving.knative.dev/routingState': 'active' }, annotations: { 'serving.knative.dev/routes': 'r', 'serving.knative.dev/routingStateModified': STAMP } } },
    },
    {
      name: 'a revision losing its last route goes to reserve',
      o: obj('r', 'active'),
      remove: true,
      state: true,
      want: { metadata: { labels: { 'serving.knative.dev/routingState': 'reserve' }, annotations: { 'serving.knative.dev/routes': null, 'serving.knative.dev/routingStateModified': STAMP } } },
    },
    { name: 'a revision keeping another route stays active', o: obj('a,r', 'active'), remove: true, state: true, want: { metadata: { annotations: { 'serving.knative.dev/routes': 'a' } } } },
    {
      name: 'an unlisted pending revision that is cleared goes to reserve',
      o: obj(undefined, 'pending'),
      remove: true,
      state: true,
      want: { metadata: { labels: { 'serving.knative.dev/routingState': 'reserve' }, annotations: { 'serving.knative.dev/routingStateModified': STAMP } } },
    },
  ])('$name', ({ o, remove, state, want }) => {
    expect(makeMetadataPatch(o, 'r', { routingState: state, remove, now: NOW })).toEqual(want);
  });
});
