// Every step of a gradual rollout through the reconciler, on the harness's fake clock (now = T0).
import { routeConditionSet, serving, type Ingress, type RouteStatus } from '@knot/api';
import { runTableTest, type TableRow } from '@knot/runtime/testing';
import { makeRouteReconciler } from './testing/make-route-reconciler.js';
import { cond, configuration, gatewayService, ingress, ingressStatus, NOT_CONFIGURED, readyStatus, revision, route, routeConditions, routeConfig, T0_NS, withStatus } from './testing/route-fixtures.js';
import type { RolloutParams, Rollout } from './traffic/rollout.js';

const SEC = 1e9;
const cfg1 = configuration('hello', 'hello-00001');
const cfg2 = configuration('hello', 'hello-00002');
const rev1 = revision('hello-00001', 'hello');
const rev2 = revision('hello-00002', 'hello');
const r = route('hello', { annotations: { 'serving.knative.dev/rollout-duration': '60s' } });
const plain = route();

const rollout = (revs: [string, number][], stepParams: RolloutParams = {}): Rollout => ({
  configurations: [{ configurationName: 'hello', percent: 100, revisions: revs.map(([revisionName, percent]) => ({ revisionName, percent })), stepParams }],
});
const traffic = (...revs: [string, number][]) => revs.map(([revisionName, percent]) => ({ revisionName, latestRevision: true, percent }));
const assigned = cond('AllTrafficAssigned', 'True');
const rolling = (split: [string, number][]): RouteStatus => ({
  ...readyStatus(traffic(...split)),
  conditions: routeConditions(
    assigned,
    cond('IngressReady', 'Unknown', 'RolloutInProgress', 'A gradual rollout of the latest revision(s) is in progress.'),
    cond('Ready', 'Unknown', 'RolloutInProgress', 'A gradual rollout of the latest revision(s) is in progress.'),
  ),
});
/** An Ingress at generation 2 that has programmed `ro` and is ready. */
const programmed = (ro: Rollout, route = r) => ingress(route, [cfg2, rev1, rev2], { rollout: ro, generation: 2, status: ingressStatus('True', 2) });
/** What the reconciler writes over `programmed`: the new shape, status kept. */
const reprogrammed = (ro: Rollout, route = r) => ingress(route, [cfg2, rev1, rev2], { rollout: ro, status: ingressStatus('True', 2) });

const corrupt = (ing: Ingress): Ingress => ({ ...ing, metadata: { ...ing.metadata, annotations: { ...ing.metadata?.annotations, 'networking.internal.knative.dev/rollout': '{not json' } } });

const rows: TableRow[] = [
  {
    name: 'a new revision starts at 1% and the route reports the split',
    key: 'default/hello',
    objects: [withStatus(r, readyStatus(traffic(['hello-00001', 100]))), cfg2, rev1, rev2, gatewayService(r), ingress(r, [cfg1, rev1], { status: ingressStatus() })],
    wantUpdates: [ingress(r, [cfg2, rev1, rev2], { rollout: rollout([['hello-00001', 99], ['hello-00002', 1]], { starttime: T0_NS }), status: ingressStatus() })],
    wantStatusUpdates: [withStatus(r, rolling([['hello-00001', 99], ['hello-00002', 1]]))],
  },
  {
    name: 'config-network rollout-duration applies to routes without the annotation',
    key: 'default/hello',
    ctx: { config: routeConfig({ 'rollout-duration': '60' }) },
    objects: [withStatus(plain, readyStatus(traffic(['hello-00001', 100]))), cfg2, rev1, rev2, gatewayService(plain), ingress(plain, [cfg1, rev1], { status: ingressStatus() })],
    wantUpdates: [ingress(plain, [cfg2, rev1, rev2], { rollout: rollout([['hello-00001', 99], ['hello-00002', 1]], { starttime: T0_NS }), status: ingressStatus() })],
    wantStatusUpdates: [withStatus(plain, rolling([['hello-00001', 99], ['hello-00002', 1]]))],
  },
  {
    name: 'the Ingress ready with the 1% split sizes the steps from how long that took',
    key: 'default/hello',
    // 4s for the first 1%: (60s - 4s) / 4s = 14 steps of round(99 / 14) = 7%.
    objects: [withStatus(r, rolling([['hello-00001', 99], ['hello-00002', 1]])), cfg2, rev1, rev2, gatewayService(r), programmed(rollout([['hello-00001', 99], ['hello-00002', 1]], { starttime: T0_NS - 4 * SEC }))],
    wantUpdates: [reprogrammed(rollout([['hello-00001', 99], ['hello-00002', 1]], { starttime: T0_NS - 4 * SEC, stepDuration: 4 * SEC, stepSize: 7, nextStepTime: T0_NS + 4 * SEC }))],
    wantRequeueAfter: 4000,
  },
  {
    name: 'a step not due yet changes nothing and waits for it',
    key: 'default/hello',
    objects: [
      withStatus(r, rolling([['hello-00001', 92], ['hello-00002', 8]])),
      cfg2,
      rev1,
      rev2,
      gatewayService(r),
      programmed(rollout([['hello-00001', 92], ['hello-00002', 8]], { starttime: T0_NS - 8 * SEC, stepDuration: 4 * SEC, stepSize: 7, nextStepTime: T0_NS + 1500e6 })),
    ],
    wantRequeueAfter: 1500,
  },
  {
    name: 'a due step moves 7% more to the new revision',
    key: 'default/hello',
    objects: [
      withStatus(r, rolling([['hello-00001', 99], ['hello-00002', 1]])),
      cfg2,
      rev1,
      rev2,
      gatewayService(r),
      programmed(rollout([['hello-00001', 99], ['hello-00002', 1]], { starttime: T0_NS - 8 * SEC, stepDuration: 4 * SEC, stepSize: 7, nextStepTime: T0_NS })),
    ],
    wantUpdates: [reprogrammed(rollout([['hello-00001', 92], ['hello-00002', 8]], { starttime: T0_NS - 8 * SEC, stepDuration: 4 * SEC, stepSize: 7, nextStepTime: T0_NS + 4 * SEC }))],
    wantStatusUpdates: [withStatus(r, rolling([['hello-00001', 92], ['hello-00002', 8]]))],
    wantRequeueAfter: 4000,
  },
  {
    name: 'the last step gives the new revision everything and ends the rollout',
    key: 'default/hello',
    objects: [
      withStatus(r, rolling([['hello-00001', 3], ['hello-00002', 97]])),
      cfg2,
      rev1,
      rev2,
      gatewayService(r),
      programmed(rollout([['hello-00001', 3], ['hello-00002', 97]], { starttime: T0_NS - 60 * SEC, stepDuration: 4 * SEC, stepSize: 7, nextStepTime: T0_NS })),
    ],
    wantUpdates: [reprogrammed(rollout([['hello-00002', 100]]))],
    // Ready again once the Ingress reports the final split.
    wantStatusUpdates: [
      withStatus(r, {
        ...readyStatus(traffic(['hello-00002', 100])),
        conditions: routeConditions(assigned, cond('IngressReady', 'Unknown', ...NOT_CONFIGURED), cond('Ready', 'Unknown', ...NOT_CONFIGURED)),
      }),
    ],
  },
  {
    name: 'the finished rollout is Ready once the Ingress reports it',
    key: 'default/hello',
    objects: [withStatus(r, rolling([['hello-00002', 100]])), cfg2, rev1, rev2, gatewayService(r), programmed(rollout([['hello-00002', 100]]))],
    wantStatusUpdates: [withStatus(r, readyStatus(traffic(['hello-00002', 100])))],
  },
  {
    name: 'a corrupt rollout annotation is dropped and the steady state programmed',
    key: 'default/hello',
    objects: [
      withStatus(r, rolling([['hello-00001', 99], ['hello-00002', 1]])),
      cfg2,
      rev1,
      rev2,
      gatewayService(r),
      corrupt(programmed(rollout([['hello-00002', 100]]))),
    ],
    wantUpdates: [reprogrammed(rollout([['hello-00002', 100]]))],
    // Only the annotation changes, so the Ingress keeps its generation and stays ready.
    wantStatusUpdates: [withStatus(r, readyStatus(traffic(['hello-00002', 100])))],
  },
];

describe('Route reconciler: gradual rollout', () => {
  runTableTest(rows, makeRouteReconciler, { resource: serving.routes, conditionSet: routeConditionSet });
});
