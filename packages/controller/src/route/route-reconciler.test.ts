import { routeConditionSet, serving, type Ingress } from '@knot/api';
import { ApiError } from '@knot/runtime';
import { runRow, runTableTest, type TableRow } from '@knot/runtime/testing';
import { makeRouteReconciler } from './testing/make-route-reconciler.js';
import {
  cond,
  configuration,
  endpoints,
  gatewayService,
  ingress,
  ingressStatus,
  NOT_CONFIGURED,
  placeholder,
  readyStatus,
  revision,
  route,
  routeConditions,
  routeConfig,
  withStatus,
} from './testing/route-fixtures.js';

const cfg1 = configuration('hello', 'hello-00001');
const cfg2 = configuration('hello', 'hello-00002');
const rev1 = revision('hello-00001', 'hello');
const rev2 = revision('hello-00002', 'hello');
const base = route();
const latest = [{ revisionName: 'hello-00001', latestRevision: true, percent: 100 }];
const assigned = cond('AllTrafficAssigned', 'True');
const notConfigured = [cond('IngressReady', 'Unknown', ...NOT_CONFIGURED), cond('Ready', 'Unknown', ...NOT_CONFIGURED)] as const;

/** The status right after the first reconcile: traffic assigned, Ingress not ready yet. */
const pendingStatus = {
  ...readyStatus(latest),
  conditions: routeConditions(assigned, ...notConfigured),
};

const split = [
  { revisionName: 'hello-00001', percent: 90 },
  { configurationName: 'hello', percent: 10, tag: 'candidate' },
];
const splitRoute = route('hello', { traffic: split });
const splitTraffic = [
  { revisionName: 'hello-00001', latestRevision: false, percent: 90 },
  { tag: 'candidate', revisionName: 'hello-00002', latestRevision: true, percent: 10, url: 'http://candidate-hello.default.example.com' },
];

// A tag at 0% gets its own host but no share of the main host's traffic.
const zeroTagged = route('hello', { traffic: [{ configurationName: 'hello', percent: 100 }, { revisionName: 'hello-00001', percent: 0, tag: 'previous' }] });
const zeroTaggedTraffic = [
  { revisionName: 'hello-00002', latestRevision: true, percent: 100 },
  { tag: 'previous', revisionName: 'hello-00001', latestRevision: false, percent: 0, url: 'http://previous-hello.default.example.com' },
];
// The webhook rejects a sum other than 100; an object stored before it ran is still routed as written.
const underHundred = route('hello', { traffic: [{ revisionName: 'hello-00001', percent: 30 }, { configurationName: 'hello', percent: 50 }] });
const underHundredTraffic = [
  { revisionName: 'hello-00001', latestRevision: false, percent: 30 },
  { revisionName: 'hello-00002', latestRevision: true, percent: 50 },
];

const local = route('hello', { labels: { 'networking.knative.dev/visibility': 'cluster-local' } });
const localURL = 'http://hello.default.svc.cluster.local';

const trafficNotAssigned = (status: 'False' | 'Unknown', reason: string, message: string) => ({
  observedGeneration: 1,
  url: 'http://hello.default.example.com',
  conditions: [
    cond('AllTrafficAssigned', status, reason, message),
    cond('CertificateProvisioned', 'Unknown'),
    cond('IngressReady', 'Unknown', ...NOT_CONFIGURED),
    cond('Ready', status, reason, message),
  ],
});

const BAD_HOST = 'domain name error: invalid domain name "hello.Not_A_Host.example.com": must be lowercase letters, digits, "-" and "."';

const rows: TableRow[] = [
  {
    name: 'a new route gets its placeholder Service and Ingress, url, address and traffic',
    key: 'default/hello',
    objects: [base, cfg1, rev1],
    wantCreates: [placeholder(base), ingress(base, [cfg1, rev1])],
    wantStatusUpdates: [withStatus(base, pendingStatus)],
    wantEvents: ['Normal Created Created placeholder service "hello"', 'Normal Created Created Ingress "hello"'],
  },
  {
    name: 'the Ingress becoming ready makes the Route Ready and points its Service at the gateway',
    key: 'default/hello',
    objects: [withStatus(base, pendingStatus), cfg1, rev1, placeholder(base), ingress(base, [cfg1, rev1], { status: ingressStatus() })],
    wantUpdates: [gatewayService(base)],
    wantStatusUpdates: [withStatus(base, readyStatus(latest))],
  },
  {
    name: 'steady state writes nothing',
    key: 'default/hello',
    objects: [withStatus(base, readyStatus(latest)), cfg1, rev1, gatewayService(base), ingress(base, [cfg1, rev1], { status: ingressStatus() })],
  },
  {
    name: 'an Ingress still programming keeps IngressReady with its reason',
    key: 'default/hello',
    objects: [withStatus(base, pendingStatus), cfg1, rev1, gatewayService(base), ingress(base, [cfg1, rev1], { status: { ...ingressStatus('Unknown'), conditions: [cond('Ready', 'Unknown', 'Probing', 'waiting for the gateway')] } })],
    wantStatusUpdates: [withStatus(base, { ...pendingStatus, conditions: routeConditions(assigned, cond('IngressReady', 'Unknown', 'Probing', 'waiting for the gateway'), cond('Ready', 'Unknown', 'Probing', 'waiting for the gateway')) })],
  },
  {
    name: 'a failed Ingress fails the Route',
    key: 'default/hello',
    objects: [withStatus(base, readyStatus(latest)), cfg1, rev1, gatewayService(base), ingress(base, [cfg1, rev1], { status: { ...ingressStatus('False'), conditions: [cond('Ready', 'False', 'Conflict', 'host taken')] } })],
    wantStatusUpdates: [withStatus(base, { ...readyStatus(latest), conditions: routeConditions(assigned, cond('IngressReady', 'False', 'Conflict', 'host taken'), cond('Ready', 'False', 'Conflict', 'host taken')) })],
  },
  {
    name: 'a failed Ingress that recovers makes the Route Ready again',
    key: 'default/hello',
    objects: [withStatus(base, { ...readyStatus(latest), conditions: routeConditions(assigned, cond('IngressReady', 'False', 'Conflict', 'host taken'), cond('Ready', 'False', 'Conflict', 'host taken')) }), cfg1, rev1, gatewayService(base), ingress(base, [cfg1, rev1], { status: ingressStatus() })],
    wantStatusUpdates: [withStatus(base, readyStatus(latest))],
  },
  {
    name: 'a route whose revision had failed is programmed once the revision is ready',
    key: 'default/hello',
    objects: [withStatus(base, trafficNotAssigned('False', 'RevisionMissing', 'Revision "hello-00001" failed to become ready.')), cfg1, rev1],
    wantCreates: [placeholder(base), ingress(base, [cfg1, rev1])],
    wantStatusUpdates: [withStatus(base, pendingStatus)],
    wantEvents: ['Normal Created Created placeholder service "hello"', 'Normal Created Created Ingress "hello"'],
  },
  {
    name: 'a new latest ready revision updates the Ingress and status.traffic',
    key: 'default/hello',
    objects: [withStatus(base, readyStatus(latest)), cfg2, rev1, rev2, gatewayService(base), ingress(base, [cfg1, rev1], { status: ingressStatus() })],
    wantUpdates: [ingress(base, [cfg2, rev2], { status: ingressStatus() })],
    wantStatusUpdates: [withStatus(base, { ...readyStatus([{ revisionName: 'hello-00002', latestRevision: true, percent: 100 }]), conditions: routeConditions(assigned, ...notConfigured) })],
  },
  {
    name: 'a revision that is not ready yet leaves traffic unassigned and creates nothing',
    key: 'default/hello',
    objects: [base, cfg1, revision('hello-00001', 'hello', 'Unknown')],
    wantStatusUpdates: [withStatus(base, trafficNotAssigned('Unknown', 'RevisionMissing', 'Revision "hello-00001" is not yet ready.'))],
  },
  {
    name: 'a pinned revision that failed',
    key: 'default/hello',
    objects: [route('hello', { traffic: [{ revisionName: 'hello-00001', percent: 100 }] }), cfg1, revision('hello-00001', 'hello', 'False')],
    wantStatusUpdates: [withStatus(route('hello', { traffic: [{ revisionName: 'hello-00001', percent: 100 }] }), trafficNotAssigned('False', 'RevisionMissing', 'Revision "hello-00001" failed to become ready.'))],
  },
  {
    name: 'a missing configuration',
    key: 'default/hello',
    objects: [base],
    wantStatusUpdates: [withStatus(base, trafficNotAssigned('False', 'ConfigurationMissing', 'Configuration "hello" referenced in traffic not found.'))],
  },
  {
    name: 'a configuration still waiting for its first revision',
    key: 'default/hello',
    objects: [base, configuration('hello')],
    wantStatusUpdates: [withStatus(base, trafficNotAssigned('Unknown', 'RevisionMissing', 'Configuration "hello" is waiting for a Revision to become ready.'))],
  },
  {
    name: 'a 90/10 split with a tagged candidate gets a Service per group and tag URLs',
    key: 'default/hello',
    objects: [splitRoute, cfg2, rev1, rev2],
    wantCreates: [placeholder(splitRoute), placeholder(splitRoute, 'candidate'), ingress(splitRoute, [cfg2, rev1, rev2])],
    wantStatusUpdates: [withStatus(splitRoute, { ...readyStatus(splitTraffic), conditions: routeConditions(assigned, ...notConfigured) })],
    wantEvents: ['Normal Created Created placeholder service "hello"', 'Normal Created Created placeholder service "candidate-hello"', 'Normal Created Created Ingress "hello"'],
  },
  {
    name: 'a 0% tagged target gets its tag Service and URL and no share of the main traffic',
    key: 'default/hello',
    objects: [zeroTagged, cfg2, rev1, rev2],
    wantCreates: [placeholder(zeroTagged), placeholder(zeroTagged, 'previous'), ingress(zeroTagged, [cfg2, rev1, rev2])],
    wantStatusUpdates: [withStatus(zeroTagged, { ...readyStatus(zeroTaggedTraffic), conditions: routeConditions(assigned, ...notConfigured) })],
    wantEvents: ['Normal Created Created placeholder service "hello"', 'Normal Created Created placeholder service "previous-hello"', 'Normal Created Created Ingress "hello"'],
  },
  {
    name: 'percents that do not sum to 100 are programmed as written, without an error',
    key: 'default/hello',
    objects: [underHundred, cfg2, rev1, rev2],
    wantCreates: [placeholder(underHundred), ingress(underHundred, [cfg2, rev1, rev2])],
    wantStatusUpdates: [withStatus(underHundred, { ...readyStatus(underHundredTraffic), conditions: routeConditions(assigned, ...notConfigured) })],
    wantEvents: ['Normal Created Created placeholder service "hello"', 'Normal Created Created Ingress "hello"'],
  },
  {
    name: 'a cluster-local route stays off the external gateway and its url is svc.cluster.local',
    key: 'default/hello',
    objects: [local, cfg1, rev1],
    wantCreates: [placeholder(local), ingress(local, [cfg1, rev1])],
    wantStatusUpdates: [withStatus(local, { ...readyStatus(latest, localURL), conditions: routeConditions(assigned, ...notConfigured) })],
    wantEvents: ['Normal Created Created placeholder service "hello"', 'Normal Created Created Ingress "hello"'],
  },
  {
    name: 'config-domain without a public domain makes every route cluster-local',
    key: 'default/hello',
    objects: [base, cfg1, rev1],
    ctx: { config: routeConfig({}, {}, {}) },
    wantCreates: [placeholder(base, '', routeConfig({}, {}, {})), ingress(base, [cfg1, rev1], { config: routeConfig({}, {}, {}) })],
    wantStatusUpdates: [withStatus(base, { ...readyStatus(latest, localURL), conditions: routeConditions(assigned, ...notConfigured) })],
    wantEvents: ['Normal Created Created placeholder service "hello"', 'Normal Created Created Ingress "hello"'],
  },
  {
    name: 'default-external-scheme sets the scheme of external URLs',
    key: 'default/hello',
    objects: [withStatus(base, readyStatus(latest)), cfg1, rev1, gatewayService(base), ingress(base, [cfg1, rev1], { status: ingressStatus() })],
    ctx: { config: routeConfig({ 'default-external-scheme': 'https' }) },
    wantStatusUpdates: [withStatus(base, { ...readyStatus(latest), url: 'https://hello.default.example.com' })],
  },
  {
    name: "a placeholder Service someone else owns stops the route",
    key: 'default/hello',
    objects: [base, cfg1, rev1, { ...placeholder(base), metadata: { ...placeholder(base).metadata, ownerReferences: [] } }],
    wantStatusUpdates: [
      withStatus(base, {
        ...pendingStatus,
        conditions: routeConditions(
          assigned,
          cond('IngressReady', 'False', 'NotOwned', 'There is an existing placeholder Service "hello" that we do not own.'),
          cond('Ready', 'False', 'NotOwned', 'There is an existing placeholder Service "hello" that we do not own.'),
          cond('CertificateProvisioned', 'Unknown'),
        ),
      }),
    ],
    wantEvents: ['Warning InternalError route: "hello" does not own Service: "hello"'],
    wantErr: 'NotOwned',
  },
  {
    name: 'placeholder Endpoints someone else owns stop the route',
    key: 'default/hello',
    objects: [base, cfg1, rev1, placeholder(base), endpoints('hello')],
    wantStatusUpdates: [
      withStatus(base, {
        ...pendingStatus,
        conditions: routeConditions(
          assigned,
          cond('IngressReady', 'False', 'NotOwned', 'There is an existing placeholder Endpoint "hello" that we do not own.'),
          cond('Ready', 'False', 'NotOwned', 'There is an existing placeholder Endpoint "hello" that we do not own.'),
          cond('CertificateProvisioned', 'Unknown'),
        ),
      }),
    ],
    wantEvents: ['Warning InternalError route: "hello" does not own Endpoints: "hello"'],
    wantErr: 'NotOwned',
  },
  {
    name: "a removed tag's Service and Endpoints are deleted",
    key: 'default/hello',
    objects: [withStatus(base, readyStatus(latest)), cfg1, rev1, gatewayService(base), placeholder(base, 'old'), endpoints('old-hello', base), ingress(base, [cfg1, rev1], { status: ingressStatus() })],
    wantDeletes: [
      { resource: 'services', namespace: 'default', name: 'old-hello' },
      { resource: 'endpoints', namespace: 'default', name: 'old-hello' },
    ],
  },
  {
    name: 'a failed Ingress create is reported and retried',
    key: 'default/hello',
    objects: [base, cfg1, rev1, placeholder(base)],
    induceFailures: [{ verb: 'create', resource: 'ingresses.networking.internal.knative.dev', error: new ApiError('InternalError', 'inducing failure for create ingresses') }],
    wantCreates: [ingress(base, [cfg1, rev1])],
    wantStatusUpdates: [withStatus(base, pendingStatus)],
    wantEvents: ['Warning CreationFailed Failed to create Ingress: inducing failure for create ingresses', 'Warning InternalError failed to create Ingress: inducing failure for create ingresses'],
    wantErr: 'InternalError',
  },
  {
    name: 'a conflicting Ingress update is retried quietly',
    key: 'default/hello',
    objects: [withStatus(base, readyStatus(latest)), cfg2, rev1, rev2, gatewayService(base), ingress(base, [cfg1, rev1], { status: ingressStatus() })],
    induceFailures: [{ verb: 'update', resource: 'ingresses.networking.internal.knative.dev', error: new ApiError('Conflict', 'the object has been modified') }],
    wantUpdates: [ingress(base, [cfg2, rev2], { status: ingressStatus() })],
    // As in Knative, the failed write leaves IngressReady as it was; the retry corrects it.
    wantStatusUpdates: [withStatus(base, readyStatus([{ revisionName: 'hello-00002', latestRevision: true, percent: 100 }]))],
    wantErr: 'Conflict',
  },
  {
    name: 'a domain template that renders no valid host fails traffic assignment',
    key: 'default/hello',
    objects: [route('hello', { annotations: { sub: 'Not_A_Host' } }), cfg1, rev1],
    ctx: { config: routeConfig({ 'domain-template': '{{.Name}}.{{index .Annotations "sub"}}.{{.Domain}}' }) },
    wantStatusUpdates: [
      withStatus(route('hello', { annotations: { sub: 'Not_A_Host' } }), {
        observedGeneration: 1,
        conditions: [
          cond('AllTrafficAssigned', 'False', 'ErrorConfig', BAD_HOST),
          cond('CertificateProvisioned', 'Unknown'),
          cond('IngressReady', 'Unknown', ...NOT_CONFIGURED),
          cond('Ready', 'False', 'ErrorConfig', BAD_HOST),
        ],
      }),
    ],
    wantEvents: [`Warning InternalError ${BAD_HOST}`],
    wantErr: 'DomainName',
  },
  { name: 'a deleted route is forgotten', key: 'default/gone' },
];

describe('Route reconciler', () => {
  runTableTest(rows, makeRouteReconciler, { resource: serving.routes, conditionSet: routeConditionSet });
});

describe('Route reconciler: where the created Ingress sends each external host', () => {
  test.each([
    {
      name: 'a 0% tag is reachable on its own host only',
      route: zeroTagged,
      want: { 'hello.default.example.com': [['hello-00002', 100]], 'previous-hello.default.example.com': [['hello-00001', 100]] },
    },
    {
      name: 'percents that do not sum to 100 are split as written',
      route: underHundred,
      want: { 'hello.default.example.com': [['hello-00001', 30], ['hello-00002', 50]] },
    },
  ])('$name', async ({ route: r, want }) => {
    const result = await runRow({ name: 'ingress', key: 'default/hello', objects: [r, cfg2, rev1, rev2] }, makeRouteReconciler, { resource: serving.routes, conditionSet: routeConditionSet });
    expect(result.error).toBeUndefined();
    const created = result.actions.find((a) => a.verb === 'create' && a.resource === 'ingresses.networking.internal.knative.dev')?.object as Ingress | undefined;
    const external = (created?.spec.rules ?? []).filter((rule) => rule.visibility === 'ExternalIP');
    const got = Object.fromEntries(external.map((rule) => [rule.hosts?.[0] ?? '', (rule.http?.paths?.[0]?.splits ?? []).map((sp) => [sp.serviceName, sp.percent])]));
    expect(got).toEqual(want);
  });
});
