// The scaling policies as the kpa-class reconciler applies them, on the table's fake clock
// (Monday 2024-01-01 00:00 UTC).
import { autoscaling } from '@knot/api';
import { ApiError } from '@knot/runtime';
import { runTableTest, type TableRow } from '@knot/runtime/testing';
import { podAutoscalerConditionSet } from '../reconciler/pa-status.js';
import { decided, makeKpa } from '../reconciler/testing/make-kpa.js';
import { activeSince, ago, deployment, endpoints, inactiveSince, KEY, metric, QUEUED, REPROGRAMMING, scalePatch, servingPa, sks, TRUE, wantSks, world, type Cond } from '../reconciler/testing/pa-fixtures.js';
import { toReserve } from './reserved-instance.js';

const H = 3600_000;
const schedule = (...windows: { schedule: string; duration: string; minScale: number }[]) => ({ 'autoscaling.knative.dev/scale-schedule': JSON.stringify(windows) });
const SMALL = { cpu: '100m', memory: '128Mi' };
const reserve = { 'autoscaling.knative.dev/reserve-instance-resources': 'cpu=100m,memory=128Mi' };
const reservedDeployment = () => toReserve(deployment(1), SMALL);
const invalid = (message: string): Cond => ['False', 'InvalidPolicy', message];

const rows: TableRow[] = [
  {
    name: 'schedule: an open window lifts the scale to its minimum and looks again when it closes',
    key: KEY,
    objects: world(servingPa({}, { annotations: schedule({ schedule: '0 23 * * *', duration: '2h', minScale: 5 }) })),
    ctx: decided(1),
    wantPatches: [scalePatch(5)],
    wantStatusUpdates: [servingPa({ active: QUEUED, policies: TRUE, desired: 5 }, { annotations: schedule({ schedule: '0 23 * * *', duration: '2h', minScale: 5 }) })],
    wantRequeueAfter: H,
  },
  {
    name: 'schedule: a window opening right now applies at once',
    key: KEY,
    objects: world(servingPa({ policies: TRUE }, { annotations: schedule({ schedule: '0 0 * * *', duration: '1h', minScale: 5 }) })),
    ctx: decided(1),
    wantPatches: [scalePatch(5)],
    wantStatusUpdates: [servingPa({ active: QUEUED, policies: TRUE, desired: 5 }, { annotations: schedule({ schedule: '0 0 * * *', duration: '1h', minScale: 5 }) })],
    wantRequeueAfter: H,
  },
  {
    name: 'schedule: before a window the decider decides, and the PA is looked at again when it opens',
    key: KEY,
    objects: world(servingPa({ policies: TRUE }, { annotations: schedule({ schedule: '0 1 * * *', duration: '1h', minScale: 5 }) })),
    ctx: decided(1),
    wantRequeueAfter: H,
  },
  {
    name: 'schedule: leaving a window returns to what the decider wants',
    key: KEY,
    objects: world(servingPa({ policies: TRUE, desired: 5, actual: 5 }, { annotations: schedule({ schedule: '0 15 * * *', duration: '9h', minScale: 5 }) }), sks(), 5),
    ctx: decided(1),
    wantPatches: [scalePatch(1)],
    wantStatusUpdates: [servingPa({ policies: TRUE, desired: 1, actual: 5 }, { annotations: schedule({ schedule: '0 15 * * *', duration: '9h', minScale: 5 }) })],
    wantRequeueAfter: 15 * H,
  },
  {
    name: 'schedule: an open window keeps the revision from scaling to zero',
    key: KEY,
    objects: world(servingPa({ active: activeSince(600), policies: TRUE }, { annotations: schedule({ schedule: '0 23 * * *', duration: '2h', minScale: 2 }) })),
    ctx: decided(0),
    wantPatches: [scalePatch(2)],
    wantStatusUpdates: [servingPa({ active: QUEUED, policies: TRUE, desired: 2 }, { annotations: schedule({ schedule: '0 23 * * *', duration: '2h', minScale: 2 }) })],
    wantRequeueAfter: H,
  },
  {
    name: 'schedule: a bad annotation is named on the PA and ignored',
    key: KEY,
    objects: world(servingPa({}, { annotations: { 'autoscaling.knative.dev/scale-schedule': '9:00-18:00=5' } })),
    ctx: decided(1),
    wantStatusUpdates: [
      servingPa(
        { policies: invalid('autoscaling.knative.dev/scale-schedule: not JSON; want an array of {"schedule", "duration", "minScale"} windows') },
        { annotations: { 'autoscaling.knative.dev/scale-schedule': '9:00-18:00=5' } },
      ),
    ],
  },
  {
    name: 'reserve: instead of zero, one pod of the reserve size',
    key: KEY,
    objects: world(servingPa({ active: inactiveSince(30), desired: 0 }, { annotations: reserve }), sks({ mode: 'Proxy', proxySince: ago(30) })),
    ctx: decided(0),
    wantUpdates: [reservedDeployment()],
    wantStatusUpdates: [servingPa({ active: inactiveSince(30), policies: TRUE, desired: 0 }, { annotations: reserve })],
  },
  {
    name: 'reserve: a reserved Deployment is left as it is',
    key: KEY,
    objects: [servingPa({ active: inactiveSince(300), policies: TRUE, desired: 0 }, { annotations: reserve }), sks({ mode: 'Proxy', proxySince: ago(300) }), metric(), reservedDeployment(), endpoints(1)],
    ctx: decided(0),
  },
  {
    name: 'reserve: when demand returns the serving container gets its size back',
    key: KEY,
    objects: [servingPa({ active: inactiveSince(300), policies: TRUE, desired: 0 }, { annotations: reserve }), sks({ mode: 'Proxy', proxySince: ago(300) }), metric(), reservedDeployment(), endpoints(1)],
    ctx: decided(2),
    wantUpdates: [deployment(2), wantSks('Serve', 2, sks({ mode: 'Proxy', proxySince: ago(300) }))],
    wantStatusUpdates: [servingPa({ policies: TRUE, sks: REPROGRAMMING, desired: 2 }, { annotations: reserve })],
  },
  {
    name: 'reserve: a conflicting Deployment write is returned for a quiet retry',
    key: KEY,
    objects: world(servingPa({ active: inactiveSince(30), desired: 0 }, { annotations: reserve }), sks({ mode: 'Proxy', proxySince: ago(30) })),
    ctx: decided(0),
    induceFailures: [{ verb: 'update', resource: 'deployments.apps', error: new ApiError('Conflict', 'the object has been modified') }],
    wantUpdates: [reservedDeployment()],
    wantStatusUpdates: [servingPa({ active: inactiveSince(30), policies: TRUE, desired: 0 }, { annotations: reserve })],
    wantErr: 'Conflict',
  },
  {
    name: 'reserve: a bad annotation is named on the PA and the revision scales to zero as usual',
    key: KEY,
    objects: world(servingPa({ active: inactiveSince(30), desired: 0 }, { annotations: { 'autoscaling.knative.dev/reserve-instance-resources': 'cpu' } }), sks({ mode: 'Proxy', proxySince: ago(30) })),
    ctx: decided(0),
    wantPatches: [scalePatch(0)],
    wantStatusUpdates: [
      servingPa(
        { active: inactiveSince(30), policies: invalid('autoscaling.knative.dev/reserve-instance-resources: invalid quantity "" for cpu; want e.g. cpu=100m,memory=128Mi'), desired: 0 },
        { annotations: { 'autoscaling.knative.dev/reserve-instance-resources': 'cpu' } },
      ),
    ],
  },
];

describe('KpaReconciler with scaling policies', () => {
  runTableTest(rows, makeKpa, { resource: autoscaling.podAutoscalers, conditionSet: podAutoscalerConditionSet });
});
