import { type PodAutoscaler, type Revision, type RevisionStatus } from '@knot/api';
import { ApiError } from '@knot/runtime';
import { runTableTest, type TableRow } from '@knot/runtime/testing';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import { DEFAULT_SERVING_CONFIG } from '../controller-env.js';
import { withStatus } from '../testing/fixtures.js';
import { cond, rev } from './testing/revision-fixtures.js';
import {
  containerStatus,
  deployingStatus,
  deployment,
  deploymentAvailable,
  deploymentProgressing,
  deploymentTimedOut,
  makeRevisionReconciler,
  NO_TRAFFIC,
  paActivating,
  paInactive,
  paReady,
  pod,
  podAutoscaler,
  QUEUED,
  readyStatus,
  revisionTableOptions,
  TIMED_OUT_MESSAGE,
} from './testing/revision-table.js';

const KEY = 'default/hello-00001';
const r = rev();
const deploying = rev({ status: deployingStatus });
const ready = rev({ status: readyStatus });
const active = rev({ routingState: 'active', status: readyStatus });

/** The revision with `status` on top of the deploying one: what the status write sends. */
const statusOf = (conditions: RevisionStatus['conditions'], extra: Partial<RevisionStatus> = {}): Revision =>
  withStatus(r, { observedGeneration: 1, containerStatuses: [{ name: 'user-container' }], ...extra, conditions });
/** The PA update that marks a failing revision unreachable. */
const unreachable = (pa: PodAutoscaler): PodAutoscaler => ({ ...pa, spec: { ...pa.spec, reachability: 'Unreachable' } });

const PULL_MESSAGE = 'Back-off pulling image "ghcr.io/knot/nope:1"';
const imagePullPod = pod(r, 'hello-00001-deployment-5d8f7-abcde', {
  containers: [containerStatus('user-container', { state: { waiting: { reason: 'ImagePullBackOff', message: PULL_MESSAGE } } }), containerStatus('queue-proxy', { ready: false })],
});
const crashingPod = pod(r, 'hello-00001-deployment-5d8f7-abcde', {
  containers: [
    containerStatus('queue-proxy', { lastState: { terminated: { exitCode: 2, message: 'queue-proxy is not the culprit' } } }),
    containerStatus('user-container', {
      restartCount: 4,
      state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 1m20s restarting failed container' } },
      lastState: { terminated: { exitCode: 1, reason: 'Error', message: 'panic: cannot connect to db' } },
    }),
  ],
});
const creatingPod = pod(r, 'hello-00001-deployment-5d8f7-abcde', { containers: [containerStatus('user-container', { state: { waiting: { reason: 'ContainerCreating' } } })] });
const unschedulablePod = pod(r, 'hello-00001-deployment-5d8f7-abcde', {
  conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient cpu.' }],
});

const paNew = podAutoscaler(r);
const newImage = { deployment: { ...DEFAULT_SERVING_CONFIG.deployment, queueSidecarImage: 'ghcr.io/knot/queue-proxy:2' } };
/** A Deployment the autoscaler scaled to 3 and someone restarted with kubectl. */
const scaled: Deployment = (() => {
  const d = deployment(ready, deploymentAvailable);
  return {
    ...d,
    metadata: { ...d.metadata, annotations: { 'deployment.kubernetes.io/revision': '2' } },
    spec: d.spec && { ...d.spec, replicas: 3, template: { ...d.spec.template, metadata: { ...d.spec.template.metadata, annotations: { ...d.spec.template.metadata?.annotations, 'kubectl.kubernetes.io/restartedAt': '2024-01-01T00:00:00Z' } } } },
  };
})();
const stranger = (obj: Deployment | PodAutoscaler) => ({ ...obj, metadata: { ...obj.metadata, ownerReferences: [{ apiVersion: 'serving.knative.dev/v1', kind: 'Revision', name: 'hello-00001', uid: 'someone-else', controller: true }] } });

const rows: TableRow[] = [
  {
    name: 'first reconcile creates the Deployment and the PodAutoscaler and reports Deploying',
    key: KEY,
    objects: [r],
    wantCreates: [deployment(r), paNew],
    wantStatusUpdates: [withStatus(r, deployingStatus)],
  },
  {
    name: 'a ready revision with ready children writes nothing',
    key: KEY,
    objects: [ready, deployment(ready, deploymentAvailable), podAutoscaler(ready, paReady)],
  },
  {
    name: 'an available Deployment and a ready PA make the revision Ready, with an event',
    key: KEY,
    objects: [deploying, deployment(r, deploymentAvailable), podAutoscaler(r, paReady)],
    wantStatusUpdates: [withStatus(r, readyStatus)],
    wantEvents: ['Normal RevisionReady Revision becomes ready upon all resources being ready'],
  },
  {
    name: 'a progressing Deployment waits for the PA to see the first pod',
    key: KEY,
    objects: [deploying, deployment(r, deploymentProgressing), podAutoscaler(r, paActivating), creatingPod],
    wantStatusUpdates: [
      statusOf([cond('Active', 'Unknown', ...QUEUED), cond('ContainerHealthy', 'Unknown', 'Deploying'), cond('Ready', 'Unknown', 'Deploying'), cond('ResourcesAvailable', 'Unknown', 'Deploying')], { desiredReplicas: 1, actualReplicas: 0 }),
    ],
  },
  {
    name: 'a Deployment past its progress deadline fails the revision with its message',
    key: KEY,
    objects: [deploying, deployment(r, deploymentTimedOut), paNew],
    wantStatusUpdates: [
      statusOf([
        cond('Active', 'Unknown', 'Deploying'),
        cond('ContainerHealthy', 'Unknown', 'Deploying'),
        cond('Ready', 'False', 'ProgressDeadlineExceeded', TIMED_OUT_MESSAGE),
        cond('ResourcesAvailable', 'False', 'ProgressDeadlineExceeded', TIMED_OUT_MESSAGE),
      ]),
    ],
    wantUpdates: [unreachable(paNew)],
    wantEvents: [`Warning ProgressDeadlineExceeded ${TIMED_OUT_MESSAGE}`],
  },
  {
    name: 'past the deadline, a pod still waiting says why',
    key: KEY,
    objects: [deploying, deployment(r, deploymentTimedOut), paNew, creatingPod],
    wantStatusUpdates: [
      statusOf([cond('Active', 'Unknown', 'Deploying'), cond('ContainerHealthy', 'Unknown', 'Deploying'), cond('Ready', 'False', 'ContainerCreating'), cond('ResourcesAvailable', 'False', 'ContainerCreating')]),
    ],
    wantUpdates: [unreachable(paNew)],
    wantEvents: ['Warning ContainerCreating Revision "hello-00001" failed: ContainerCreating'],
  },
  {
    name: 'a pod still creating before the deadline is no failure',
    key: KEY,
    objects: [deploying, deployment(r, deploymentProgressing), paNew, creatingPod],
  },
  {
    name: 'an image that cannot be pulled fails the revision with the kubelet message',
    key: KEY,
    objects: [deploying, deployment(r, deploymentProgressing), paNew, imagePullPod],
    wantStatusUpdates: [
      statusOf([cond('Active', 'Unknown', 'Deploying'), cond('ContainerHealthy', 'Unknown', 'Deploying'), cond('Ready', 'False', 'ImagePullBackOff', PULL_MESSAGE), cond('ResourcesAvailable', 'False', 'ImagePullBackOff', PULL_MESSAGE)]),
    ],
    wantUpdates: [unreachable(paNew)],
    wantEvents: [`Warning ImagePullBackOff ${PULL_MESSAGE}`],
  },
  {
    name: 'a crash-looping user container fails the revision with its exit code and last words',
    key: KEY,
    objects: [deploying, deployment(r, deploymentProgressing), paNew, crashingPod],
    wantStatusUpdates: [
      statusOf([
        cond('Active', 'Unknown', 'Deploying'),
        cond('ContainerHealthy', 'False', 'ExitCode1', 'Container failed with: panic: cannot connect to db'),
        cond('Ready', 'False', 'ExitCode1', 'Container failed with: panic: cannot connect to db'),
        // The Deployment progresses; only the pods tell the container fails.
        cond('ResourcesAvailable', 'True'),
      ]),
    ],
    wantUpdates: [unreachable(paNew)],
    wantEvents: ['Warning ExitCode1 Container failed with: panic: cannot connect to db'],
  },
  {
    name: 'a container that exits cleanly is still a failure, with a message',
    key: KEY,
    objects: [
      deploying,
      deployment(r, deploymentProgressing),
      unreachable(paNew),
      pod(r, 'p', { containers: [containerStatus('user-container', { lastState: { terminated: { exitCode: 0 } }, state: { waiting: { reason: 'CrashLoopBackOff' } } })] }),
    ],
    wantStatusUpdates: [
      statusOf([
        cond('Active', 'Unknown', 'Deploying'),
        cond('ContainerHealthy', 'False', 'ExitCode0', 'Container failed with: container exited with no error'),
        cond('Ready', 'False', 'ExitCode0', 'Container failed with: container exited with no error'),
        cond('ResourcesAvailable', 'True'),
      ]),
    ],
    wantEvents: ['Warning ExitCode0 Container failed with: container exited with no error'],
  },
  {
    name: 'an unschedulable pod makes resources unavailable',
    key: KEY,
    objects: [deploying, deployment(r, deploymentProgressing), paNew, unschedulablePod],
    wantStatusUpdates: [
      statusOf([
        cond('Active', 'Unknown', 'Deploying'),
        cond('ContainerHealthy', 'Unknown', 'Deploying'),
        cond('Ready', 'False', 'Unschedulable', '0/3 nodes are available: 3 Insufficient cpu.'),
        cond('ResourcesAvailable', 'False', 'Unschedulable', '0/3 nodes are available: 3 Insufficient cpu.'),
      ]),
    ],
    wantUpdates: [unreachable(paNew)],
    wantEvents: ['Warning Unschedulable 0/3 nodes are available: 3 Insufficient cpu.'],
  },
  {
    name: 'a failed revision whose pods recover becomes Ready',
    key: KEY,
    objects: [
      withStatus(r, { ...readyStatus, conditions: [cond('Active', 'True'), cond('ContainerHealthy', 'False', 'ExitCode1', 'x'), cond('Ready', 'False', 'ExitCode1', 'x'), cond('ResourcesAvailable', 'True')] }),
      deployment(r, deploymentAvailable),
      unreachable(podAutoscaler(r, paReady)),
    ],
    wantStatusUpdates: [withStatus(r, readyStatus)],
    wantUpdates: [podAutoscaler(r, paReady)],
    wantEvents: ['Normal RevisionReady Revision becomes ready upon all resources being ready'],
  },
  {
    name: 'a PA scaled to zero makes the revision inactive, still Ready',
    key: KEY,
    objects: [ready, deployment(ready, { ...deploymentAvailable, replicas: 0, readyReplicas: 0, availableReplicas: 0 }), podAutoscaler(ready, paInactive)],
    wantStatusUpdates: [withStatus(r, { ...readyStatus, actualReplicas: 0, desiredReplicas: 0, conditions: [cond('Active', 'False', ...NO_TRAFFIC), ...(readyStatus.conditions ?? []).slice(1)] })],
  },
  {
    name: 'a PA activating again makes Active Unknown',
    key: KEY,
    objects: [withStatus(r, { ...readyStatus, conditions: [cond('Active', 'False', ...NO_TRAFFIC), ...(readyStatus.conditions ?? []).slice(1)] }), deployment(ready, deploymentAvailable), podAutoscaler(ready, { ...paReady, conditions: paActivating.conditions?.map((c) => (c.type === 'ScaleTargetInitialized' || c.type === 'SKSReady' ? { ...c, status: 'True' as const, reason: undefined, message: undefined } : c)) })],
    wantStatusUpdates: [withStatus(r, { ...readyStatus, conditions: [cond('Active', 'Unknown', ...QUEUED), ...(readyStatus.conditions ?? []).slice(1)] })],
  },
  {
    name: 'an active routing state makes the PA reachable',
    key: KEY,
    objects: [active, deployment(active, deploymentAvailable), podAutoscaler(ready, paReady)],
    wantUpdates: [podAutoscaler(active, paReady)],
  },
  {
    name: 'a new queue-proxy image updates the Deployment, keeping its scale and what others added',
    key: KEY,
    ctx: { config: newImage },
    objects: [ready, scaled, podAutoscaler(ready, paReady)],
    wantUpdates: [
      (() => {
        const want = deployment(ready, deploymentAvailable, newImage);
        return {
          ...want,
          metadata: { ...want.metadata, annotations: { 'deployment.kubernetes.io/revision': '2' } },
          spec: want.spec && { ...want.spec, replicas: 3, template: { ...want.spec.template, metadata: { ...want.spec.template.metadata, annotations: { ...want.spec.template.metadata?.annotations, 'kubectl.kubernetes.io/restartedAt': '2024-01-01T00:00:00Z' } } } },
        };
      })(),
    ],
  },
  {
    name: 'a Deployment of our name owned by another is reported, not touched',
    key: KEY,
    objects: [deploying, stranger(deployment(r, deploymentAvailable))],
    wantStatusUpdates: [
      statusOf([
        cond('Active', 'Unknown', 'Deploying'),
        cond('ContainerHealthy', 'Unknown', 'Deploying'),
        cond('Ready', 'False', 'NotOwned', 'There is an existing Deployment "hello-00001-deployment" that we do not own.'),
        cond('ResourcesAvailable', 'False', 'NotOwned', 'There is an existing Deployment "hello-00001-deployment" that we do not own.'),
      ]),
    ],
    wantEvents: ['Warning InternalError revision: "hello-00001" does not own Deployment: "hello-00001-deployment"'],
    wantErr: 'NotOwned',
  },
  {
    name: 'a PodAutoscaler of our name owned by another is reported, not touched',
    key: KEY,
    objects: [ready, deployment(ready, deploymentAvailable), stranger(podAutoscaler(ready, paReady))],
    wantStatusUpdates: [
      withStatus(r, {
        ...readyStatus,
        conditions: [
          cond('Active', 'True'),
          cond('ContainerHealthy', 'True'),
          cond('Ready', 'False', 'NotOwned', 'There is an existing PodAutoscaler "hello-00001" that we do not own.'),
          cond('ResourcesAvailable', 'False', 'NotOwned', 'There is an existing PodAutoscaler "hello-00001" that we do not own.'),
        ],
      }),
    ],
    wantEvents: ['Warning InternalError revision: "hello-00001" does not own PodAutoscaler: "hello-00001"'],
    wantErr: 'NotOwned',
  },
  {
    name: 'a failed Deployment create is retried, with the status so far',
    key: KEY,
    objects: [r],
    induceFailures: [{ verb: 'create', resource: 'deployments.apps', error: new ApiError('InternalError', 'inducing failure for create deployments') }],
    wantCreates: [deployment(r)],
    wantStatusUpdates: [
      statusOf([cond('ContainerHealthy', 'Unknown', 'Deploying'), cond('Ready', 'Unknown', 'Deploying'), cond('ResourcesAvailable', 'Unknown', 'Deploying')]),
    ],
    wantEvents: ['Warning InternalError failed to create deployment "hello-00001-deployment": inducing failure for create deployments'],
    wantErr: 'InternalError',
  },
  {
    name: 'a failed PodAutoscaler create is retried',
    key: KEY,
    objects: [deploying, deployment(r, deploymentProgressing)],
    induceFailures: [{ verb: 'create', resource: 'podautoscalers.autoscaling.internal.knative.dev', error: new ApiError('InternalError', 'inducing failure for create podautoscalers') }],
    wantCreates: [paNew],
    // What the Deployment said is kept even though the reconcile failed.
    wantStatusUpdates: [statusOf([cond('Active', 'Unknown', 'Deploying'), cond('ContainerHealthy', 'Unknown', 'Deploying'), cond('Ready', 'Unknown', 'Deploying'), cond('ResourcesAvailable', 'True')])],
    wantEvents: ['Warning InternalError failed to create PA "hello-00001": inducing failure for create podautoscalers'],
    wantErr: 'InternalError',
  },
  {
    name: 'a conflicting Deployment update is retried quietly',
    key: KEY,
    ctx: { config: newImage },
    objects: [ready, deployment(ready, deploymentAvailable), podAutoscaler(ready, paReady)],
    induceFailures: [{ verb: 'update', resource: 'deployments.apps', error: new ApiError('Conflict', 'the object has been modified') }],
    wantUpdates: [(() => { const want = deployment(ready, deploymentAvailable, newImage); return { ...want, metadata: { ...want.metadata, annotations: {} } }; })()],
    wantErr: 'Conflict',
  },
  {
    name: 'a status write conflict is retried on the latest revision',
    key: KEY,
    objects: [deploying, deployment(r, deploymentAvailable), podAutoscaler(r, paReady)],
    induceFailures: [{ verb: 'updateStatus', resource: 'revisions.serving.knative.dev', error: new ApiError('Conflict', 'the object has been modified') }],
    wantStatusUpdates: [withStatus(r, readyStatus), withStatus(r, readyStatus)],
    wantEvents: ['Normal RevisionReady Revision becomes ready upon all resources being ready'],
  },
  {
    name: 'a revision that no longer exists is forgotten',
    key: 'default/gone',
  },
];

describe('RevisionReconciler', () => {
  runTableTest(rows, makeRevisionReconciler, revisionTableOptions);
});
