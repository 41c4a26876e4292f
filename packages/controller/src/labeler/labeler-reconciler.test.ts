import { serving, type Configuration, type Revision, type Route, type TrafficTarget } from '@knot/api';
import { ApiError } from '@knot/runtime';
import { runTableTest, type TableRow, type WantPatch } from '@knot/runtime/testing';
import { T0, configuration, readyCondition, revision, route, withStatus } from '../testing/fixtures.js';
import { LABELER_FINALIZER } from './controller.js';
import { LabelerReconciler } from './labeler-reconciler.js';

const KEY = 'default/hello';
const LATER = '2024-01-01T00:00:00Z';

function routeOf(opts: { traffic?: TrafficTarget[]; statusTraffic?: TrafficTarget[]; ready?: 'True' | 'False' | 'Unknown'; finalizer?: boolean; deleting?: boolean } = {}): Route {
  const r = route('hello', { traffic: opts.traffic });
  r.metadata = {
    ...r.metadata,
    ...(opts.finalizer === false ? {} : { finalizers: [LABELER_FINALIZER] }),
    ...(opts.deleting ? { deletionTimestamp: T0 } : {}),
  };
  return withStatus(r, { observedGeneration: 1, traffic: opts.statusTraffic ?? [], conditions: [readyCondition(opts.ready ?? 'True')] });
}

function config(opts: { routes?: string; latestCreated?: string } = {}): Configuration {
  const c = configuration('hello', opts.routes ? { annotations: { 'serving.knative.dev/routes': opts.routes } } : {});
  return withStatus(c, { observedGeneration: 1, ...(opts.latestCreated ? { latestCreatedRevisionName: opts.latestCreated } : {}) });
}

function rev(name: string, opts: { routes?: string; state?: string } = {}): Revision {
  const r = revision(configuration('hello'), { name, routingState: opts.state ?? 'pending' });
  if (opts.routes) r.metadata = { ...r.metadata, annotations: { ...r.metadata?.annotations, 'serving.knative.dev/routes': opts.routes } };
  return r;
}

const latest: TrafficTarget[] = [{ configurationName: 'hello', latestRevision: true, percent: 100 }];
const on = (name: string): TrafficTarget[] => [{ revisionName: name, latestRevision: true, percent: 100 }];

const patch = (resource: string, name: string, metadata: Record<string, unknown>): WantPatch => ({ resource, name, namespace: 'default', patch: { type: 'merge', patch: { metadata } } });
const activate = (name: string, routes = 'hello') =>
  patch('revisions.serving.knative.dev', name, { labels: { 'serving.knative.dev/routingState': 'active' }, annotations: { 'serving.knative.dev/routes': routes, 'serving.knative.dev/routingStateModified': LATER } });
const reserve = (name: string) =>
  patch('revisions.serving.knative.dev', name, { labels: { 'serving.knative.dev/routingState': 'reserve' }, annotations: { 'serving.knative.dev/routes': null, 'serving.knative.dev/routingStateModified': LATER } });
const routeConfig = (routes: string | null) => patch('configurations.serving.knative.dev', 'hello', { annotations: { 'serving.knative.dev/routes': routes } });
const finalizers = (list: string[]): WantPatch => ({ resource: 'routes.serving.knative.dev', namespace: 'default', name: 'hello', patch: { type: 'merge', patch: { metadata: { finalizers: list } } } });

const rows: TableRow[] = [
  {
    name: 'a new route marks its configuration and the latest created revision, and takes the finalizer',
    key: KEY,
    objects: [routeOf({ traffic: latest, ready: 'Unknown', finalizer: false }), config({ latestCreated: 'hello-00001' }), rev('hello-00001')],
    wantPatches: [finalizers([LABELER_FINALIZER]), activate('hello-00001'), routeConfig('hello')],
    wantEvents: ['Normal FinalizerUpdate Updated "hello" finalizers'],
  },
  {
    name: 'steady state writes nothing',
    key: KEY,
    objects: [routeOf({ traffic: latest, statusTraffic: on('hello-00001') }), config({ routes: 'hello', latestCreated: 'hello-00001' }), rev('hello-00001', { routes: 'hello', state: 'active' })],
  },
  {
    name: 'once the route is ready on a new revision the old one goes to reserve',
    key: KEY,
    objects: [
      routeOf({ traffic: latest, statusTraffic: on('hello-00002') }),
      config({ routes: 'hello', latestCreated: 'hello-00002' }),
      rev('hello-00001', { routes: 'hello', state: 'active' }),
      rev('hello-00002'),
    ],
    wantPatches: [reserve('hello-00001'), activate('hello-00002')],
  },
  {
    name: 'while the route is not ready the old revision keeps its label',
    key: KEY,
    objects: [
      routeOf({ traffic: latest, statusTraffic: on('hello-00001'), ready: 'Unknown' }),
      config({ routes: 'hello', latestCreated: 'hello-00002' }),
      rev('hello-00001', { routes: 'hello', state: 'active' }),
      rev('hello-00002'),
    ],
    wantPatches: [activate('hello-00002')],
  },
  {
    name: 'a revision another route still uses stays active',
    key: KEY,
    objects: [
      routeOf({ traffic: latest, statusTraffic: on('hello-00002') }),
      config({ routes: 'hello,other', latestCreated: 'hello-00002' }),
      rev('hello-00001', { routes: 'hello,other', state: 'active' }),
      rev('hello-00002', { routes: 'other', state: 'active' }),
    ],
    wantPatches: [
      patch('revisions.serving.knative.dev', 'hello-00001', { annotations: { 'serving.knative.dev/routes': 'other' } }),
      patch('revisions.serving.knative.dev', 'hello-00002', { annotations: { 'serving.knative.dev/routes': 'hello,other' } }),
    ],
  },
  {
    name: 'a pinned revision is labelled, and so is the configuration that owns it',
    key: KEY,
    objects: [routeOf({ traffic: [{ revisionName: 'hello-00001', percent: 100 }], ready: 'Unknown' }), config({ latestCreated: 'hello-00002' }), rev('hello-00001'), rev('hello-00002')],
    wantPatches: [activate('hello-00001'), routeConfig('hello')],
  },
  {
    name: 'targets that do not exist yet are skipped',
    key: KEY,
    objects: [routeOf({ traffic: [{ revisionName: 'hello-00009', percent: 50 }, { configurationName: 'nope', latestRevision: true, percent: 50 }], ready: 'Unknown' })],
  },
  {
    name: 'a deleted route is cleared from its targets before its finalizer goes',
    key: KEY,
    objects: [
      routeOf({ traffic: latest, statusTraffic: on('hello-00001'), deleting: true }),
      config({ routes: 'hello', latestCreated: 'hello-00001' }),
      rev('hello-00001', { routes: 'hello', state: 'active' }),
    ],
    wantPatches: [reserve('hello-00001'), routeConfig(null), finalizers([])],
    wantEvents: ['Normal FinalizerUpdate Updated "hello" finalizers'],
  },
  {
    name: 'a failed patch is retried',
    key: KEY,
    objects: [routeOf({ traffic: latest, ready: 'Unknown' }), config({ latestCreated: 'hello-00001' }), rev('hello-00001')],
    induceFailures: [{ verb: 'patch', resource: 'revisions.serving.knative.dev', error: new ApiError('InternalError', 'etcd timeout') }],
    wantPatches: [activate('hello-00001')],
    wantEvents: ['Warning InternalError failed to add route annotation to Revision "hello-00001": etcd timeout'],
    wantErr: true,
  },
  {
    name: 'a conflicting patch is retried quietly',
    key: KEY,
    objects: [routeOf({ traffic: latest, ready: 'Unknown' }), config({ latestCreated: 'hello-00001' }), rev('hello-00001')],
    induceFailures: [{ verb: 'patch', resource: 'revisions.serving.knative.dev', error: new ApiError('Conflict', 'the object has been modified') }],
    wantPatches: [activate('hello-00001')],
    wantErr: 'Conflict',
  },
  {
    name: 'a stale cache adding the finalizer gets a Conflict: nothing is labelled and no Warning',
    key: KEY,
    objects: [routeOf({ traffic: latest, ready: 'Unknown', finalizer: false }), config({ latestCreated: 'hello-00001' }), rev('hello-00001')],
    induceFailures: [{ verb: 'patch', resource: 'routes.serving.knative.dev', error: new ApiError('Conflict', 'the object has been modified') }],
    wantPatches: [finalizers([LABELER_FINALIZER])],
    wantErr: 'Conflict',
  },
  {
    name: 'a deleted route whose cleanup fails keeps its finalizer until the retry succeeds',
    key: KEY,
    objects: [
      routeOf({ traffic: latest, statusTraffic: on('hello-00001'), deleting: true }),
      config({ routes: 'hello', latestCreated: 'hello-00001' }),
      rev('hello-00001', { routes: 'hello', state: 'active' }),
    ],
    induceFailures: [{ verb: 'patch', resource: 'configurations.serving.knative.dev', error: new ApiError('InternalError', 'etcd timeout') }],
    wantPatches: [reserve('hello-00001'), routeConfig(null)],
    wantEvents: ['Warning InternalError failed to remove route annotation from Configuration "hello": etcd timeout'],
    wantErr: 'InternalError',
  },
  {
    name: 'a deleted route without our finalizer is left alone',
    key: KEY,
    objects: [
      { ...routeOf({ traffic: latest, statusTraffic: on('hello-00001'), deleting: true, finalizer: false }), metadata: { ...routeOf({ deleting: true }).metadata, finalizers: ['someone.else/finalizer'] } },
      config({ routes: 'hello', latestCreated: 'hello-00001' }),
      rev('hello-00001', { routes: 'hello', state: 'active' }),
    ],
  },
];

describe('LabelerReconciler', () => {
  runTableTest<Route>(rows, ({ client, informers }) => new LabelerReconciler({ client, configurations: informers.listerFor(serving.configurations), revisions: informers.listerFor(serving.revisions) }), {
    resource: serving.routes,
    finalizerName: LABELER_FINALIZER,
    skipStatusUpdates: true,
  });
});
