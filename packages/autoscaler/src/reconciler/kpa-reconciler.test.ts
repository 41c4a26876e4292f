import { autoscaling } from '@knot/api';
import { ApiError } from '@knot/runtime';
import { runRow, runTableTest, type TableRow } from '@knot/runtime/testing';
import { FakeMultiScaler } from './testing/fake-multi-scaler.js';
import { decided, makeKpa, SERVE } from './testing/make-kpa.js';
import { activatingSince, activeSince, ago, deployment, endpoints, inactiveSince, KEY, metric, NAME, NO_PRIVATE, NO_TRAFFIC, pa, paStatus, PRIVATE, QUEUED, REPROGRAMMING, scalePatch, servingPa, sks, TRUE, wantSks, world } from './testing/pa-fixtures.js';
import { podAutoscalerConditionSet } from './pa-status.js';

const rows: TableRow[] = [
  // Before the SKS has a private Service.
  {
    name: 'a new PA creates its SKS in Serve mode with two activators and waits, queued',
    key: KEY,
    objects: [pa()],
    wantCreates: [sks({ fresh: true })],
    wantStatusUpdates: [pa({ status: paStatus({ active: QUEUED, sks: NO_PRIVATE, desired: -1, actual: 0 }) })],
  },
  {
    name: 'an SKS without a private Service yet leaves the decider and Metric alone',
    key: KEY,
    objects: [pa({ status: paStatus({ active: QUEUED, sks: NO_PRIVATE, desired: -1, actual: 0 }) }), sks({ fresh: true })],
  },
  // Activation.
  {
    name: 'an undecided decider: Metric created, the SKS serves with all activators, the PA keeps waiting',
    key: KEY,
    objects: [pa({ status: paStatus({ active: QUEUED, sks: NO_PRIVATE, desired: -1, actual: 0 }) }), sks({ ready: false }), deployment(1), endpoints(0)],
    wantCreates: [metric()],
    wantUpdates: [wantSks('Serve', 0, sks({ ready: false }))],
    wantStatusUpdates: [pa({ status: paStatus({ active: QUEUED, sks: ['Unknown', 'NotReady', 'K8s Service is not ready'], serviceName: NAME, metricsServiceName: PRIVATE, desired: -1, actual: 0 }) })],
    wantRequeueAfter: 611_000,
  },
  {
    name: 'the first decision is written on the Deployment; the PA stays queued until a pod is ready',
    key: KEY,
    objects: [pa({ status: paStatus({ active: QUEUED, sks: NO_PRIVATE, desired: -1, actual: 0 }) }), sks({ ready: false }), metric(), deployment(0), endpoints(0)],
    ctx: decided(1),
    wantPatches: [scalePatch(1)],
    wantStatusUpdates: [pa({ status: paStatus({ active: QUEUED, sks: ['Unknown', 'NotReady', 'K8s Service is not ready'], serviceName: NAME, metricsServiceName: PRIVATE, desired: 1, actual: 0 }) })],
  },
  {
    name: 'a ready pod makes the PA active, initialized and Ready',
    key: KEY,
    objects: [pa({ status: paStatus({ active: QUEUED, sks: NO_PRIVATE, desired: 1, actual: 0 }) }), sks(), metric(), deployment(1), endpoints(1)],
    ctx: decided(1),
    wantStatusUpdates: [servingPa()],
  },
  {
    name: 'steady state writes nothing',
    key: KEY,
    objects: world(servingPa()),
    ctx: decided(1),
  },
  {
    name: 'a larger decision scales the Deployment up and reports the pods wanted',
    key: KEY,
    objects: world(servingPa()),
    ctx: decided(3),
    wantPatches: [scalePatch(3)],
    wantStatusUpdates: [servingPa({ desired: 3 })],
  },
  // SKS mode and activators.
  {
    name: 'negative excess burst capacity puts the activator in the path while serving',
    key: KEY,
    objects: world(servingPa()),
    ctx: decided(1, { excessBurstCapacity: -5, numActivators: 3 }),
    wantUpdates: [wantSks('Proxy', 3)],
    wantStatusUpdates: [servingPa({ sks: REPROGRAMMING })],
  },
  {
    name: 'enough burst capacity takes the activator out of the path',
    key: KEY,
    objects: world(servingPa(), sks({ mode: 'Proxy', proxySince: ago(100) })),
    ctx: decided(1, { excessBurstCapacity: 10 }),
    wantUpdates: [wantSks('Serve', 2, sks({ mode: 'Proxy', proxySince: ago(100) }))],
    wantStatusUpdates: [servingPa({ sks: REPROGRAMMING })],
  },
  {
    name: 'an SKS that is not ready marks SKSReady Unknown with its message',
    key: KEY,
    objects: world(servingPa(), sks({ ready: false })),
    ctx: decided(1),
    wantStatusUpdates: [servingPa({ sks: ['Unknown', 'NotReady', 'K8s Service is not ready'] })],
  },
  {
    name: 'an SKS another owner controls makes the PA inactive and fails the reconcile',
    key: KEY,
    objects: [servingPa(), sks({ stranger: true }), metric(), deployment(1), endpoints(1)],
    ctx: decided(1),
    wantErr: 'NotOwned',
    wantEvents: ['Warning InternalError PA: hello-00001 does not own ServerlessService: hello-00001'],
    wantStatusUpdates: [servingPa({ active: ['False', 'NotOwned', 'There is an existing ServerlessService "hello-00001" that we do not own.'] })],
  },
  {
    name: 'a Metric another owner controls is refused the same way',
    key: KEY,
    objects: [servingPa(), sks(), metric({ stranger: true }), deployment(1), endpoints(1)],
    ctx: decided(1),
    wantErr: 'NotOwned',
    wantEvents: ['Warning InternalError PA: hello-00001 does not own Metric: hello-00001'],
    wantStatusUpdates: [servingPa({ active: ['False', 'NotOwned', 'There is an existing Metric "hello-00001" that we do not own.'] })],
  },
  {
    name: 'a changed window updates the Metric in nanoseconds',
    key: KEY,
    objects: world(servingPa({}, { annotations: { 'autoscaling.knative.dev/window': '2m', 'autoscaling.knative.dev/panic-window-percentage': '25' } })),
    ctx: decided(1),
    wantUpdates: [metric({ stableNs: 120_000_000_000, panicNs: 30_000_000_000 })],
  },
  {
    name: 'a conflicting SKS update is returned for a quiet retry, status still written',
    key: KEY,
    objects: world(servingPa()),
    ctx: decided(2, { excessBurstCapacity: -1 }),
    induceFailures: [{ verb: 'update', resource: 'serverlessservices.networking.internal.knative.dev', error: new ApiError('Conflict', 'the object has been modified') }],
    wantPatches: [scalePatch(2)],
    wantUpdates: [wantSks('Proxy', 2)],
    wantErr: 'Conflict',
  },
  // The scale-to-zero sequence, one step per row.
  {
    name: 'zero: active for less than a stable window keeps one pod and looks again when the window ends',
    key: KEY,
    objects: world(servingPa({ active: activeSince(20) })),
    ctx: decided(0),
    wantRequeueAfter: 40_000,
  },
  {
    name: 'zero: a stable window without demand makes the PA inactive and puts the activator in the path, pods kept',
    key: KEY,
    objects: world(servingPa({ active: activeSince(60) })),
    ctx: decided(0),
    wantUpdates: [wantSks('Proxy', 2)],
    wantStatusUpdates: [servingPa({ active: NO_TRAFFIC, sks: REPROGRAMMING, desired: 0 })],
  },
  {
    name: 'zero: inactive while the SKS has not confirmed the activator waits and looks again soon',
    key: KEY,
    objects: world(servingPa({ active: inactiveSince(5), desired: 0 }), sks({ mode: 'Proxy' })),
    ctx: decided(0),
    wantRequeueAfter: 1000,
  },
  {
    name: 'zero: an SKS status of an older generation does not confirm the activator',
    key: KEY,
    objects: world(servingPa({ active: inactiveSince(50), desired: 0 }), sks({ mode: 'Proxy', proxySince: ago(50), generation: 2, observed: 1 })),
    ctx: decided(0),
    wantStatusUpdates: [servingPa({ active: inactiveSince(50), sks: REPROGRAMMING, desired: 0 })],
    wantRequeueAfter: 1000,
  },
  {
    name: 'zero: activator confirmed 10s ago waits out the rest of the grace period',
    key: KEY,
    objects: world(servingPa({ active: inactiveSince(10), desired: 0 }), sks({ mode: 'Proxy', proxySince: ago(10) })),
    ctx: decided(0),
    wantRequeueAfter: 20_000,
  },
  {
    name: 'zero: once the grace period has passed the Deployment goes to zero',
    key: KEY,
    objects: world(servingPa({ active: inactiveSince(30), desired: 0 }), sks({ mode: 'Proxy', proxySince: ago(30) })),
    ctx: decided(0),
    wantPatches: [scalePatch(0)],
  },
  {
    name: 'zero: an activator in the path for the grace period already scales to zero at once',
    key: KEY,
    objects: world(servingPa({ active: inactiveSince(2), desired: 0 }), sks({ mode: 'Proxy', proxySince: ago(45) })),
    ctx: decided(0),
    wantPatches: [scalePatch(0)],
  },
  {
    name: 'zero: a longer pod retention period holds the last pod until it passes',
    key: KEY,
    objects: world(servingPa({ active: inactiveSince(60), desired: 0 }, { annotations: { 'autoscaling.knative.dev/scale-to-zero-pod-retention-period': '2m' } }), sks({ mode: 'Proxy', proxySince: ago(60) })),
    ctx: decided(0),
    wantRequeueAfter: 60_000,
  },
  {
    name: 'zero: after the pod retention period the Deployment goes to zero',
    key: KEY,
    objects: world(servingPa({ active: inactiveSince(120), desired: 0 }, { annotations: { 'autoscaling.knative.dev/scale-to-zero-pod-retention-period': '2m' } }), sks({ mode: 'Proxy', proxySince: ago(120) })),
    ctx: decided(0),
    wantPatches: [scalePatch(0)],
  },
  {
    name: 'zero: with target-burst-capacity -1 the activator is always in the path, so no confirmation is awaited',
    key: KEY,
    objects: world(servingPa({ active: inactiveSince(30), desired: 0 }, { annotations: { 'autoscaling.knative.dev/target-burst-capacity': '-1' } }), sks({ mode: 'Proxy' })),
    ctx: decided(0, { excessBurstCapacity: -1 }),
    wantPatches: [scalePatch(0)],
  },
  {
    name: 'zero: enable-scale-to-zero false keeps one pod',
    key: KEY,
    objects: world(servingPa({ active: activeSince(600), desired: 3 }), sks(), 3),
    ctx: { ...decided(0), autoscaler: { enableScaleToZero: false } },
    wantPatches: [scalePatch(1)],
    wantStatusUpdates: [servingPa({ active: activeSince(600), desired: 1, actual: 3 })],
  },
  {
    name: 'demand at zero scales up, takes the activator out of the path and queues the PA',
    key: KEY,
    objects: world(servingPa({ active: inactiveSince(300), desired: 0, actual: 0 }), sks({ mode: 'Proxy', proxySince: ago(300) }), 0),
    ctx: decided(1),
    wantPatches: [scalePatch(1)],
    wantUpdates: [wantSks('Serve', 2, sks({ mode: 'Proxy', proxySince: ago(300) }))],
    wantStatusUpdates: [servingPa({ active: QUEUED, sks: REPROGRAMMING, desired: 1, actual: 0 })],
  },
  {
    name: 'activation that outlives the progress deadline scales to zero, TimedOut',
    key: KEY,
    objects: world(servingPa({ active: activatingSince(611), desired: 1, actual: 0 }), sks(), 1, 0),
    ctx: decided(-1),
    wantPatches: [scalePatch(0)],
    wantUpdates: [wantSks('Proxy', 2)],
    wantStatusUpdates: [servingPa({ active: ['False', 'TimedOut', 'The target could not be activated.'], sks: REPROGRAMMING, desired: 0, actual: 0 })],
  },
  {
    name: 'an undecided decider for an inactive PA (autoscaler restarted) keeps the activator in the path',
    key: KEY,
    objects: world(servingPa({ active: inactiveSince(300), desired: 0, actual: 0 }), sks({ mode: 'Proxy', proxySince: ago(300) }), 0),
    wantUpdates: [wantSks('Proxy', 0, sks({ mode: 'Proxy', proxySince: ago(300) }))],
    wantStatusUpdates: [servingPa({ active: inactiveSince(300), sks: REPROGRAMMING, desired: -1, actual: 0 })],
  },
  // Bounds.
  {
    name: 'min-scale lifts the decision',
    key: KEY,
    objects: world(servingPa({}, { annotations: { 'autoscaling.knative.dev/min-scale': '2' } })),
    ctx: decided(1),
    wantPatches: [scalePatch(2)],
    wantStatusUpdates: [servingPa({ active: QUEUED, desired: 2 }, { annotations: { 'autoscaling.knative.dev/min-scale': '2' } })],
  },
  {
    name: 'min-scale does not count for an unreachable revision',
    key: KEY,
    objects: world(servingPa({}, { annotations: { 'autoscaling.knative.dev/min-scale': '2' }, spec: { reachability: 'Unreachable' } })),
    ctx: decided(1),
  },
  {
    name: 'max-scale caps the decision',
    key: KEY,
    objects: world(servingPa({}, { annotations: { 'autoscaling.knative.dev/max-scale': '3' } })),
    ctx: decided(10),
    wantPatches: [scalePatch(3)],
    wantStatusUpdates: [servingPa({ desired: 3 }, { annotations: { 'autoscaling.knative.dev/max-scale': '3' } })],
  },
  {
    name: 'initial-scale holds until the revision was first ready',
    key: KEY,
    objects: world(pa({ annotations: { 'autoscaling.knative.dev/initial-scale': '3' }, status: paStatus({ active: QUEUED, sks: TRUE, serviceName: NAME, metricsServiceName: PRIVATE, desired: 3, actual: 1 }) }), sks(), 3, 1),
    ctx: decided(1),
  },
  {
    name: 'initial-scale no longer counts once initialized',
    key: KEY,
    objects: world(servingPa({ desired: 3, actual: 3 }, { annotations: { 'autoscaling.knative.dev/initial-scale': '3' } }), sks(), 3),
    ctx: decided(1),
    wantPatches: [scalePatch(1)],
    wantStatusUpdates: [servingPa({ desired: 1, actual: 3 }, { annotations: { 'autoscaling.knative.dev/initial-scale': '3' } })],
  },
  {
    name: 'initial-scale 0, when the cluster allows it, leaves the revision inactive and initialized',
    key: KEY,
    objects: [pa({ annotations: { 'autoscaling.knative.dev/initial-scale': '0' } }), sks({ ready: false }), metric(), deployment(0), endpoints(0)],
    ctx: { autoscaler: { allowZeroInitialScale: true } },
    wantUpdates: [wantSks('Serve', 0, sks({ ready: false }))],
    wantStatusUpdates: [
      pa({
        annotations: { 'autoscaling.knative.dev/initial-scale': '0' },
        status: paStatus({ active: NO_TRAFFIC, init: TRUE, sks: ['Unknown', 'NotReady', 'K8s Service is not ready'], serviceName: NAME, metricsServiceName: PRIVATE, desired: -1, actual: 0 }),
      }),
    ],
    wantRequeueAfter: 611_000,
  },
  {
    name: 'activation-scale lifts a non-zero decision',
    key: KEY,
    objects: world(servingPa({}, { annotations: { 'autoscaling.knative.dev/activation-scale': '3' } })),
    ctx: decided(1),
    wantPatches: [scalePatch(3)],
    wantStatusUpdates: [servingPa({ desired: 3 }, { annotations: { 'autoscaling.knative.dev/activation-scale': '3' } })],
  },
  {
    name: 'activation-scale does not keep pods from scaling to zero',
    key: KEY,
    objects: world(servingPa({ active: inactiveSince(30), desired: 0 }, { annotations: { 'autoscaling.knative.dev/activation-scale': '3' } }), sks({ mode: 'Proxy', proxySince: ago(30) })),
    ctx: decided(0),
    wantPatches: [scalePatch(0)],
  },
];

describe('KpaReconciler', () => {
  runTableTest(rows, makeKpa, { resource: autoscaling.podAutoscalers, conditionSet: podAutoscalerConditionSet });
});

test('the decider gets the spec built from the annotations, scale-down-delay included', async () => {
  const multiScaler = new FakeMultiScaler({ [KEY]: SERVE });
  const annotations = { 'autoscaling.knative.dev/scale-down-delay': '2m', 'autoscaling.knative.dev/target': '10' };
  const row = { name: 'spec', key: KEY, objects: world(servingPa({}, { annotations })), ctx: { multiScaler } };
  const result = await runRow(row, makeKpa, { resource: autoscaling.podAutoscalers, conditionSet: podAutoscalerConditionSet });
  expect(result.differences).toEqual([]);
  expect(multiScaler.specs.get(KEY)).toMatchObject({ scaleDownDelayMs: 120_000, totalValue: 10, targetValue: 7 });
});
