// The revision reconciler under the table-test harness, and the children and pods its rows seed.
import {
  apps,
  autoscaling,
  core,
  DEFAULT_CONFIG_AUTOSCALER,
  REVISION_UID_LABEL_KEY,
  revisionConditionSet,
  serving,
  type Condition,
  type PodAutoscaler,
  type PodAutoscalerStatus,
  type Revision,
  type RevisionStatus,
} from '@knot/api';
import type { MakeReconciler, TableOptions } from '@knot/runtime/testing';
import type { Deployment, DeploymentStatus } from 'kubernetes-types/apps/v1.js';
import type { ContainerStatus as PodContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1.js';
import { staticConfig, type ServingConfig } from '../../controller-env.js';
import type { ImageResolver } from '../image-resolver.js';
import { makeDeployment } from '../resources/make-deployment.js';
import { makePodAutoscaler } from '../resources/make-pa.js';
import { makeLabels } from '../resources/revision-meta.js';
import { RevisionReconciler } from '../revision-reconciler.js';
import { buildContext, cond } from './revision-fixtures.js';

/** Row inputs beyond the seeded objects. */
export type RevisionRowContext = {
  config?: Partial<ServingConfig>;
  imageResolver?: ImageResolver;
};

export const makeRevisionReconciler: MakeReconciler<Revision> = ({ client, informers, ctx }) => {
  const { config, imageResolver } = ctx as RevisionRowContext;
  return new RevisionReconciler({
    client,
    deployments: informers.listerFor(apps.deployments),
    podAutoscalers: informers.listerFor(autoscaling.podAutoscalers),
    pods: informers.listerFor(core.pods, { labelSelector: REVISION_UID_LABEL_KEY }),
    config: staticConfig(config),
    imageResolver,
  });
};

export const revisionTableOptions: TableOptions<Revision> = { resource: serving.revisions, conditionSet: revisionConditionSet };

/** The revision's Deployment as the reconciler makes it under `config`, with a status. */
export function deployment(r: Revision, status?: DeploymentStatus, config: Partial<ServingConfig> = {}): Deployment {
  const d = makeDeployment(r, buildContext(config));
  return status ? { ...d, status } : d;
}

export const deploymentAvailable: DeploymentStatus = {
  replicas: 1,
  readyReplicas: 1,
  availableReplicas: 1,
  conditions: [
    { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
    { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
  ],
};
/** Rolling out: pods exist but none is available yet. */
export const deploymentProgressing: DeploymentStatus = {
  replicas: 1,
  unavailableReplicas: 1,
  conditions: [
    { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable' },
    { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated' },
  ],
};
export const TIMED_OUT_MESSAGE = 'ReplicaSet "hello-00001-deployment-5d8f7" has timed out progressing.';
export const deploymentTimedOut: DeploymentStatus = {
  replicas: 1,
  unavailableReplicas: 1,
  conditions: [
    { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable' },
    { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: TIMED_OUT_MESSAGE },
  ],
};

/** The revision's PodAutoscaler as the reconciler makes it, with a status. */
export function podAutoscaler(r: Revision, status?: PodAutoscalerStatus, d?: Deployment): PodAutoscaler {
  const pa = makePodAutoscaler(r, d, DEFAULT_CONFIG_AUTOSCALER);
  return status ? { ...pa, status } : pa;
}

const paCond = (type: string, status: Condition['status'], reason?: string, message?: string): Condition => ({ type, status, ...(reason ? { reason } : {}), ...(message ? { message } : {}) });
export const NO_TRAFFIC = ['NoTraffic', 'The target is not receiving traffic.'] as const;
export const QUEUED = ['Queued', 'Requests to the target are being buffered as resources are provisioned.'] as const;

export const paReady: PodAutoscalerStatus = {
  serviceName: 'hello-00001',
  metricsServiceName: 'hello-00001-private',
  desiredScale: 1,
  actualScale: 1,
  conditions: [paCond('Active', 'True'), paCond('Ready', 'True'), paCond('SKSReady', 'True'), paCond('ScaleTargetInitialized', 'True')],
};
export const paInactive: PodAutoscalerStatus = {
  serviceName: 'hello-00001',
  metricsServiceName: 'hello-00001-private',
  desiredScale: 0,
  actualScale: 0,
  conditions: [paCond('Active', 'False', ...NO_TRAFFIC), paCond('Ready', 'False', ...NO_TRAFFIC), paCond('SKSReady', 'True'), paCond('ScaleTargetInitialized', 'True')],
};
/** Waiting for the first pod to be ready. */
export const paActivating: PodAutoscalerStatus = {
  serviceName: 'hello-00001',
  metricsServiceName: 'hello-00001-private',
  desiredScale: 1,
  actualScale: 0,
  conditions: [paCond('Active', 'Unknown', ...QUEUED), paCond('Ready', 'Unknown', ...QUEUED), paCond('SKSReady', 'Unknown'), paCond('ScaleTargetInitialized', 'Unknown')],
};

/** A pod of the revision's Deployment. */
export function pod(r: Revision, name: string, status: { containers?: PodContainerStatus[]; conditions?: PodCondition[] }): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { namespace: r.metadata?.namespace, name, labels: makeLabels(r) },
    spec: { containers: [{ name: 'user-container', image: 'ghcr.io/knot/hello:1' }, { name: 'queue-proxy', image: 'queue' }] },
    status: {
      phase: 'Pending',
      ...(status.conditions ? { conditions: status.conditions } : {}),
      ...(status.containers ? { containerStatuses: status.containers } : {}),
    },
  };
}

/** A container status of a pod: running and ready unless `state`/`lastState` say otherwise. */
export function containerStatus(name: string, s: Partial<PodContainerStatus> = {}): PodContainerStatus {
  return { name, image: 'img', imageID: '', ready: false, restartCount: 0, ...s };
}

/** The status a revision has after its first reconcile: everything Unknown while deploying. */
export const deployingStatus: RevisionStatus = {
  observedGeneration: 1,
  containerStatuses: [{ name: 'user-container' }],
  conditions: [
    cond('Active', 'Unknown', 'Deploying'),
    cond('ContainerHealthy', 'Unknown', 'Deploying'),
    cond('Ready', 'Unknown', 'Deploying'),
    cond('ResourcesAvailable', 'Unknown', 'Deploying'),
  ],
};

export const readyStatus: RevisionStatus = {
  observedGeneration: 1,
  containerStatuses: [{ name: 'user-container' }],
  actualReplicas: 1,
  desiredReplicas: 1,
  conditions: [cond('Active', 'True'), cond('ContainerHealthy', 'True'), cond('Ready', 'True'), cond('ResourcesAvailable', 'True')],
};
