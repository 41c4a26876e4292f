import { serviceConditionSet, serving, type Condition, type ConditionStatus, type Configuration, type Route, type Service, type ServiceStatus } from '@knot/api';
import { ApiError } from '@knot/runtime';
import { runTableTest, type TableRow } from '@knot/runtime/testing';
import { staticConfig } from '../controller-env.js';
import { T0, configuration, readyCondition, revision, route, service, withStatus } from '../testing/fixtures.js';
import { makeConfiguration } from './resources/make-configuration.js';
import { makeRoute } from './resources/make-route.js';
import { ServiceReconciler } from './service-reconciler.js';

const KEY = 'default/hello';
const cond = (type: string, status: ConditionStatus, reason?: string, message?: string): Condition => ({ type, status, lastTransitionTime: T0, ...(reason ? { reason } : {}), ...(message ? { message } : {}) });
const CFG_OUT_OF_DATE = ['OutOfDate', 'The Configuration is still working to reflect the latest desired specification.'] as const;
const ROUTE_OUT_OF_DATE = ['OutOfDate', 'The Route is still working to reflect the latest desired specification.'] as const;
const NOT_MIGRATED = ['TrafficNotMigrated', 'Traffic is not yet migrated to the latest revision.'] as const;

const svc = service('hello');
const URL = 'http://hello.default.example.com';
const ADDRESS = { url: 'http://hello.default.svc.cluster.local' };
const trafficTo = (rev: string) => [{ revisionName: rev, latestRevision: true, percent: 100 }];

/** The Configuration the Service made, as its reconciler last saw it. */
function ownedConfig(s: Service, opts: { observed?: number; created?: string; ready?: string; readyCond?: Condition; generation?: number } = {}): Configuration {
  const made = makeConfiguration(s);
  const config: Configuration = { ...made, metadata: { ...made.metadata, uid: 'cfg-hello', generation: opts.generation ?? 1 } };
  return withStatus(config, {
    observedGeneration: opts.observed ?? opts.generation ?? 1,
    ...(opts.created ? { latestCreatedRevisionName: opts.created } : {}),
    ...(opts.ready ? { latestReadyRevisionName: opts.ready } : {}),
    conditions: [opts.readyCond ?? readyCondition('True')],
  });
}

function ownedRoute(s: Service, opts: { observed?: number; generation?: number; readyCond?: Condition; traffic?: Route['spec']['traffic'] } = {}): Route {
  const made = makeRoute(s);
  const r: Route = { ...made, metadata: { ...made.metadata, uid: 'route-hello', generation: opts.generation ?? 1 } };
  return withStatus(r, {
    observedGeneration: opts.observed ?? opts.generation ?? 1,
    url: URL,
    address: ADDRESS,
    traffic: opts.traffic ?? trafficTo('hello-00001'),
    conditions: [opts.readyCond ?? readyCondition('True')],
  });
}

const readyStatus: ServiceStatus = {
  observedGeneration: 1,
  latestCreatedRevisionName: 'hello-00001',
  latestReadyRevisionName: 'hello-00001',
  url: URL,
  address: ADDRESS,
  traffic: trafficTo('hello-00001'),
  conditions: [cond('ConfigurationsReady', 'True'), cond('Ready', 'True'), cond('RoutesReady', 'True')],
};
const readyConfig = ownedConfig(svc, { created: 'hello-00001', ready: 'hello-00001' });
const readyRoute = ownedRoute(svc);

const svc2 = service('hello', { generation: 2, image: 'ghcr.io/knot/hello:2' });
const tagged = service('hello', { generation: 2, traffic: [{ tag: 'current', revisionName: 'hello-00001', percent: 100 }, { tag: 'latest', latestRevision: true, percent: 0 }] });
const byoSvc = service('hello', { revisionName: 'hello-blue' });
const stranger = service('stranger');

const defaultedConfig: Configuration = { ...readyConfig, spec: { template: { spec: { ...readyConfig.spec.template.spec, containerConcurrency: 0, timeoutSeconds: 300 } } } };
const taggedRoute: Route = withStatus(
  { ...makeRoute(tagged), spec: { traffic: [{ tag: 'current', revisionName: 'hello-00001', percent: 100 }, { tag: 'latest', configurationName: 'hello', latestRevision: true, percent: 0 }] } },
  readyRoute.status,
);
const latestRoute: Route = { ...makeRoute(svc), spec: { traffic: [{ configurationName: 'hello', latestRevision: true, percent: 100 }] } };
const annotated = service('hello', { annotations: { team: 'blue' } });
/** What an update of a child sends: the wanted spec and metadata on the existing object, status included. */
const updated = <T extends Configuration | Route>(want: T, existing: T): T => withStatus(want, existing.status);

const rows: TableRow[] = [
  {
    name: 'a new service gets a Configuration and a Route of its name',
    key: KEY,
    objects: [svc],
    wantCreates: [makeConfiguration(svc), makeRoute(svc)],
    wantStatusUpdates: [
      withStatus(svc, { observedGeneration: 1, conditions: [cond('ConfigurationsReady', 'Unknown', ...CFG_OUT_OF_DATE), cond('Ready', 'Unknown', ...ROUTE_OUT_OF_DATE), cond('RoutesReady', 'Unknown', ...ROUTE_OUT_OF_DATE)] }),
    ],
    wantEvents: ['Normal Created Created Configuration "hello"', 'Normal Created Created Route "hello"'],
  },
  {
    name: 'the route of an empty spec.traffic sends 100% to the latest revision of the configuration',
    key: KEY,
    objects: [svc, readyConfig],
    wantCreates: [latestRoute],
    wantStatusUpdates: [
      withStatus(svc, {
        observedGeneration: 1,
        latestCreatedRevisionName: 'hello-00001',
        latestReadyRevisionName: 'hello-00001',
        conditions: [cond('ConfigurationsReady', 'True'), cond('Ready', 'Unknown', ...ROUTE_OUT_OF_DATE), cond('RoutesReady', 'Unknown', ...ROUTE_OUT_OF_DATE)],
      }),
    ],
    wantEvents: ['Normal Created Created Route "hello"'],
  },
  {
    name: 'ready children make the service Ready and it mirrors their status',
    key: KEY,
    objects: [svc, readyConfig, readyRoute],
    wantStatusUpdates: [withStatus(svc, readyStatus)],
  },
  {
    name: 'steady state writes nothing',
    key: KEY,
    objects: [withStatus(svc, readyStatus), readyConfig, readyRoute],
  },
  {
    name: 'defaults the webhook wrote on the children are not a difference',
    key: KEY,
    objects: [
      withStatus(svc, readyStatus),
      defaultedConfig,
      { ...readyRoute, metadata: { ...readyRoute.metadata, annotations: { 'serving.knative.dev/creator': 'admin' } } },
    ],
    wantUpdates: [updated(makeRoute(svc), readyRoute)],
  },
  {
    name: 'a changed template updates the configuration and the service waits for it',
    key: KEY,
    objects: [withStatus(svc2, readyStatus), readyConfig, readyRoute],
    wantUpdates: [updated(makeConfiguration(svc2), readyConfig)],
    wantStatusUpdates: [
      withStatus(svc2, { ...readyStatus, observedGeneration: 2, conditions: [cond('ConfigurationsReady', 'Unknown', ...CFG_OUT_OF_DATE), cond('Ready', 'Unknown', ...CFG_OUT_OF_DATE), cond('RoutesReady', 'True')] }),
    ],
  },
  {
    name: 'changed traffic updates the route, naming the configuration for the latest-revision target',
    key: KEY,
    objects: [withStatus(tagged, readyStatus), readyConfig, readyRoute],
    wantUpdates: [taggedRoute],
    wantStatusUpdates: [
      withStatus(tagged, { ...readyStatus, observedGeneration: 2, conditions: [cond('ConfigurationsReady', 'True'), cond('Ready', 'Unknown', ...ROUTE_OUT_OF_DATE), cond('RoutesReady', 'Unknown', ...ROUTE_OUT_OF_DATE)] }),
    ],
  },
  {
    name: 'a new service annotation reaches both children',
    key: KEY,
    objects: [withStatus(annotated, readyStatus), readyConfig, readyRoute],
    wantUpdates: [updated(makeConfiguration(annotated), readyConfig), updated(makeRoute(annotated), readyRoute)],
  },
  {
    name: 'routes another Route added to the configuration are kept',
    key: KEY,
    objects: [
      withStatus(svc, readyStatus),
      { ...readyConfig, metadata: { ...readyConfig.metadata, annotations: { 'serving.knative.dev/routes': 'hello,other' } } },
      readyRoute,
    ],
  },
  {
    name: 'a ready route whose traffic is not on the latest ready revision is TrafficNotMigrated',
    key: KEY,
    objects: [svc, ownedConfig(svc, { generation: 2, created: 'hello-00002', ready: 'hello-00002' }), readyRoute],
    wantStatusUpdates: [
      withStatus(svc, {
        ...readyStatus,
        latestCreatedRevisionName: 'hello-00002',
        latestReadyRevisionName: 'hello-00002',
        conditions: [cond('ConfigurationsReady', 'True'), cond('Ready', 'Unknown', ...NOT_MIGRATED), cond('RoutesReady', 'Unknown', ...NOT_MIGRATED)],
      }),
    ],
  },
  {
    name: 'a failed configuration fails the service with its reason',
    key: KEY,
    objects: [
      svc,
      ownedConfig(svc, { created: 'hello-00001', readyCond: readyCondition('False', 'RevisionFailed', 'Revision "hello-00001" failed with message: Back-off pulling image.') }),
      ownedRoute(svc, { readyCond: readyCondition('Unknown', 'RevisionMissing', 'Configuration "hello" is waiting for a Revision to become ready.') }),
    ],
    wantStatusUpdates: [
      withStatus(svc, {
        ...readyStatus,
        latestReadyRevisionName: undefined,
        conditions: [
          cond('ConfigurationsReady', 'False', 'RevisionFailed', 'Revision "hello-00001" failed with message: Back-off pulling image.'),
          cond('Ready', 'False', 'RevisionFailed', 'Revision "hello-00001" failed with message: Back-off pulling image.'),
          cond('RoutesReady', 'Unknown', 'RevisionMissing', 'Configuration "hello" is waiting for a Revision to become ready.'),
        ],
      }),
    ],
  },
  {
    name: 'a configuration of the same name owned by another service is NotOwned and left alone',
    key: KEY,
    objects: [svc, { ...configuration('hello', { owner: stranger }) }],
    wantStatusUpdates: [
      withStatus(svc, {
        observedGeneration: 1,
        conditions: [
          cond('ConfigurationsReady', 'False', 'NotOwned', 'There is an existing Configuration "hello" that we do not own.'),
          cond('Ready', 'False', 'NotOwned', 'There is an existing Configuration "hello" that we do not own.'),
          cond('RoutesReady', 'Unknown'),
        ],
      }),
    ],
    wantEvents: ['Warning InternalError service: "hello" does not own configuration: "hello"'],
    wantErr: 'NotOwned',
  },
  {
    name: 'a route of the same name without an owner is NotOwned and left alone',
    key: KEY,
    objects: [svc, readyConfig, route('hello')],
    wantStatusUpdates: [
      withStatus(svc, {
        observedGeneration: 1,
        latestCreatedRevisionName: 'hello-00001',
        latestReadyRevisionName: 'hello-00001',
        conditions: [
          cond('ConfigurationsReady', 'True'),
          cond('Ready', 'False', 'NotOwned', 'There is an existing Route "hello" that we do not own.'),
          cond('RoutesReady', 'False', 'NotOwned', 'There is an existing Route "hello" that we do not own.'),
        ],
      }),
    ],
    wantEvents: ['Warning InternalError service: "hello" does not own route: "hello"'],
    wantErr: 'NotOwned',
  },
  {
    name: 'with a bring-your-own name the route waits until the configuration has stamped it',
    key: KEY,
    objects: [byoSvc, ownedConfig(byoSvc, { generation: 2, observed: 1, created: 'hello-00001', ready: 'hello-00001' })],
    wantStatusUpdates: [
      withStatus(byoSvc, { observedGeneration: 1, conditions: [cond('ConfigurationsReady', 'Unknown', ...CFG_OUT_OF_DATE), cond('Ready', 'Unknown', ...CFG_OUT_OF_DATE), cond('RoutesReady', 'Unknown')] }),
    ],
  },
  {
    name: 'a bring-your-own name taken by another configuration keeps traffic where it is',
    key: KEY,
    objects: [byoSvc, ownedConfig(byoSvc, { created: 'hello-00001', ready: 'hello-00001' }), revision(configuration('other'), { name: 'hello-blue' })],
    wantStatusUpdates: [
      withStatus(byoSvc, {
        observedGeneration: 1,
        latestCreatedRevisionName: 'hello-00001',
        latestReadyRevisionName: 'hello-00001',
        conditions: [
          cond('ConfigurationsReady', 'True'),
          cond('Ready', 'False', 'RevisionNameTaken', 'The revision name "hello-blue" is taken by a conflicting Revision, so traffic will not be migrated'),
          cond('RoutesReady', 'False', 'RevisionNameTaken', 'The revision name "hello-blue" is taken by a conflicting Revision, so traffic will not be migrated'),
        ],
      }),
    ],
  },
  {
    name: 'a failed create is an event and a retry',
    key: KEY,
    objects: [svc],
    induceFailures: [{ verb: 'create', resource: 'configurations.serving.knative.dev', error: new ApiError('Forbidden', 'denied by policy') }],
    wantCreates: [makeConfiguration(svc)],
    wantStatusUpdates: [withStatus(svc, { observedGeneration: 1, conditions: [cond('ConfigurationsReady', 'Unknown'), cond('Ready', 'Unknown', 'NewObservedGenFailure', 'unsuccessfully observed a new generation'), cond('RoutesReady', 'Unknown')] })],
    wantEvents: ['Warning CreationFailed Failed to create Configuration "hello": denied by policy', 'Warning InternalError failed to create Configuration: denied by policy'],
    wantErr: true,
  },
  {
    name: 'a conflicting update of the route is retried quietly',
    key: KEY,
    objects: [withStatus(tagged, readyStatus), readyConfig, readyRoute],
    induceFailures: [{ verb: 'update', resource: 'routes.serving.knative.dev', error: new ApiError('Conflict', 'the object has been modified') }],
    wantUpdates: [taggedRoute],
    wantStatusUpdates: [
      withStatus(tagged, { ...readyStatus, observedGeneration: 2, conditions: [cond('ConfigurationsReady', 'True'), cond('Ready', 'True'), cond('RoutesReady', 'True')] }),
    ],
    // A conflict is expected under concurrent writers: retried with backoff, no Warning event.
    wantErr: 'Conflict',
  },
  {
    name: 'a conflicting update of the configuration is retried quietly, before the route is touched',
    key: KEY,
    objects: [withStatus(svc2, readyStatus), readyConfig, readyRoute],
    induceFailures: [{ verb: 'update', resource: 'configurations.serving.knative.dev', error: new ApiError('Conflict', 'the object has been modified') }],
    wantUpdates: [updated(makeConfiguration(svc2), readyConfig)],
    wantStatusUpdates: [withStatus(svc2, { ...readyStatus, observedGeneration: 2, conditions: [cond('ConfigurationsReady', 'True'), cond('Ready', 'Unknown', 'NewObservedGenFailure', 'unsuccessfully observed a new generation'), cond('RoutesReady', 'True')] })],
    wantErr: 'Conflict',
  },
  {
    name: 'a failed service whose configuration recovers goes from False to Ready',
    key: KEY,
    objects: [
      withStatus(svc, {
        ...readyStatus,
        latestReadyRevisionName: undefined,
        conditions: [cond('ConfigurationsReady', 'False', 'RevisionFailed', 'boom'), cond('Ready', 'False', 'RevisionFailed', 'boom'), cond('RoutesReady', 'True')],
      }),
      readyConfig,
      readyRoute,
    ],
    wantStatusUpdates: [withStatus(svc, readyStatus)],
  },
  {
    name: 'a Ready service whose route loses its Ingress goes from True to False',
    key: KEY,
    objects: [withStatus(svc, readyStatus), readyConfig, ownedRoute(svc, { readyCond: readyCondition('False', 'Conflict', 'host taken') })],
    wantStatusUpdates: [withStatus(svc, { ...readyStatus, conditions: [cond('ConfigurationsReady', 'True'), cond('Ready', 'False', 'Conflict', 'host taken'), cond('RoutesReady', 'False', 'Conflict', 'host taken')] })],
  },
];

describe('ServiceReconciler', () => {
  runTableTest<Service>(
    rows,
    ({ client, informers }) =>
      new ServiceReconciler({
        client,
        configurations: informers.listerFor(serving.configurations),
        revisions: informers.listerFor(serving.revisions),
        routes: informers.listerFor(serving.routes),
        config: staticConfig(),
      }),
    { resource: serving.services, conditionSet: serviceConditionSet },
  );
});
