import { autoscaling, hpa, networking, type PodAutoscaler } from '@knot/api';
import { ApiError } from '@knot/runtime';
import { runTableTest, type TableEnv, type TableRow } from '@knot/runtime/testing';
import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerSpec, HorizontalPodAutoscalerStatus } from 'kubernetes-types/autoscaling/v2.js';
import { staticAutoscalerConfig } from '../config-store.js';
import { podAutoscalerConditionSet } from '../reconciler/pa-status.js';
import { KEY, LABELS, NAME, NS, OWNER, pa, paStatus, sks, TRUE, UNKNOWN, type Cond, type StatusOptions } from '../reconciler/testing/pa-fixtures.js';
import { HpaReconciler } from './hpa-reconciler.js';

const HPA = 'hpa.autoscaling.knative.dev';
const CPU = { 'autoscaling.knative.dev/metric': 'cpu', 'autoscaling.knative.dev/target': '60', 'autoscaling.knative.dev/max-scale': '5' };
const hpaPa = (annotations: Record<string, string> = CPU, status?: StatusOptions): PodAutoscaler => pa({ cls: HPA, annotations, ...(status ? { status: paStatus(status) } : {}) });
const hpaSks = (o: Parameters<typeof sks>[0] = {}) => sks({ numActivators: 0, annotations: { 'autoscaling.knative.dev/class': HPA, 'autoscaling.knative.dev/target': '60', 'autoscaling.knative.dev/max-scale': '5' }, ...o });
const NOT_READY: Cond = ['Unknown', 'NotReady', 'SKS Services are not ready yet'];

function horizontal(spec: Partial<HorizontalPodAutoscalerSpec> = {}, o: { status?: HorizontalPodAutoscalerStatus; annotations?: Record<string, string>; stranger?: boolean } = {}): HorizontalPodAutoscaler {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { namespace: NS, name: NAME, labels: LABELS, annotations: { 'autoscaling.knative.dev/class': HPA, ...(o.annotations ?? CPU) }, ownerReferences: o.stranger ? OWNER.map((r) => ({ ...r, uid: 'x' })) : OWNER },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: `${NAME}-deployment` },
      maxReplicas: 5,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }],
      ...spec,
    },
    ...(o.status ? { status: o.status } : {}),
  };
}

const running = (current: number, desired: number): HorizontalPodAutoscalerStatus => ({ currentReplicas: current, desiredReplicas: desired });
const serving: StatusOptions = { active: TRUE, sks: TRUE, init: TRUE, serviceName: NAME, desired: 2, actual: 2 };

const rows: TableRow[] = [
  {
    name: 'a new PA creates its HPA and an SKS in Serve mode with all activators; always active',
    key: KEY,
    objects: [hpaPa()],
    wantCreates: [horizontal(), hpaSks({ fresh: true })],
    wantStatusUpdates: [hpaPa(CPU, { active: TRUE, sks: NOT_READY, desired: 0, actual: 0 })],
  },
  {
    name: "the HPA's status is mirrored, and a ready SKS with the pods running initializes the target",
    key: KEY,
    objects: [hpaPa(CPU, { active: TRUE, sks: NOT_READY, desired: 0, actual: 0 }), horizontal({}, { status: running(2, 3) }), hpaSks()],
    wantStatusUpdates: [hpaPa(CPU, { ...serving, desired: 3 })],
  },
  {
    name: 'steady state writes nothing',
    key: KEY,
    objects: [hpaPa(CPU, serving), horizontal({}, { status: running(2, 2) }), hpaSks()],
  },
  {
    name: 'fewer pods than min-scale leave the target uninitialized',
    key: KEY,
    objects: [
      hpaPa({ ...CPU, 'autoscaling.knative.dev/min-scale': '3' }, { active: TRUE, sks: NOT_READY, desired: 0, actual: 0 }),
      horizontal({ minReplicas: 3 }, { status: running(2, 3), annotations: { ...CPU, 'autoscaling.knative.dev/min-scale': '3' } }),
      hpaSks({ annotations: { 'autoscaling.knative.dev/class': HPA, 'autoscaling.knative.dev/target': '60', 'autoscaling.knative.dev/max-scale': '5', 'autoscaling.knative.dev/min-scale': '3' } }),
    ],
    wantStatusUpdates: [hpaPa({ ...CPU, 'autoscaling.knative.dev/min-scale': '3' }, { active: TRUE, sks: TRUE, init: UNKNOWN, serviceName: NAME, desired: 3, actual: 2 })],
  },
  {
    name: 'a changed max-scale and window update the HPA',
    key: KEY,
    objects: [hpaPa({ ...CPU, 'autoscaling.knative.dev/max-scale': '8', 'autoscaling.knative.dev/window': '2m' }, serving), horizontal({}, { status: running(2, 2) }), hpaSks()],
    wantUpdates: [
      horizontal(
        { maxReplicas: 8, behavior: { scaleDown: { stabilizationWindowSeconds: 120 }, scaleUp: { stabilizationWindowSeconds: 120 } } },
        { status: running(2, 2) },
      ),
    ],
  },
  {
    name: 'an HPA another owner controls makes the PA inactive and fails the reconcile',
    key: KEY,
    objects: [hpaPa(CPU, serving), horizontal({}, { stranger: true, status: running(2, 2) }), hpaSks()],
    wantErr: 'NotOwned',
    wantEvents: ['Warning InternalError PA: hello-00001 does not own HorizontalPodAutoscaler: hello-00001'],
    wantStatusUpdates: [hpaPa(CPU, { ...serving, active: ['False', 'NotOwned', 'There is an existing HorizontalPodAutoscaler "hello-00001" that we do not own.'] })],
  },
  {
    name: 'a conflicting HPA update is returned for a quiet retry',
    key: KEY,
    objects: [hpaPa({ ...CPU, 'autoscaling.knative.dev/max-scale': '8' }, serving), horizontal({}, { status: running(2, 2) }), hpaSks()],
    induceFailures: [{ verb: 'update', resource: 'horizontalpodautoscalers.autoscaling', error: new ApiError('Conflict', 'the object has been modified') }],
    wantUpdates: [horizontal({ maxReplicas: 8 }, { status: running(2, 2) })],
    wantErr: 'Conflict',
  },
  {
    name: "an open schedule window raises the HPA's minReplicas and the PA is looked at again when it closes",
    key: KEY,
    objects: [hpaPa({ ...CPU, 'autoscaling.knative.dev/scale-schedule': '[{"schedule":"0 23 * * *","duration":"2h","minScale":4}]' }, { ...serving, policies: TRUE }), horizontal({}, { status: running(2, 2) }), hpaSks()],
    wantUpdates: [horizontal({ minReplicas: 4 }, { status: running(2, 2) })],
    wantRequeueAfter: 3600_000,
  },
];

const makeHpa = (env: TableEnv) =>
  new HpaReconciler({ client: env.client, config: staticAutoscalerConfig(), horizontalPodAutoscalers: env.informers.listerFor(hpa.horizontalPodAutoscalers), serverlessServices: env.informers.listerFor(networking.serverlessServices) });

describe('HpaReconciler', () => {
  runTableTest(rows, makeHpa, { resource: autoscaling.podAutoscalers, conditionSet: podAutoscalerConditionSet });
});
