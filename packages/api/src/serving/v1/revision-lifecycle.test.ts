import type { DeploymentStatus } from 'kubernetes-types/apps/v1.js';
import type { PodAutoscalerStatus } from '../../autoscaling/pod-autoscaler.js';
import type { Condition } from '../../duck/condition.js';
import type { Revision } from './revision.js';
import {
  exitCodeReason,
  isActivationRequired,
  isRevisionFailed,
  isRevisionReady,
  manageRevisionStatus,
  resourceNotOwnedMessage,
  revisionContainerExitingMessage,
  revisionContainerMissingMessage,
  type RevisionStatusManager,
} from './revision-lifecycle.js';
import { deploymentReadyCondition, hasDeploymentTimedOut } from './revision-lifecycle-deployment.js';

type Brief = Pick<Condition, 'type' | 'status' | 'reason' | 'message'>;
const brief = ({ type, status, reason, message }: Condition): Brief => ({ type, status, ...(reason ? { reason } : {}), ...(message ? { message } : {}) });
const c = (type: string, status: Condition['status'], reason?: string, message?: string): Brief => brief({ type, status, reason, message });

function run(steps: (m: RevisionStatusManager) => void) {
  const rev: Revision = { spec: { containers: [{ name: 'user-container', image: 'img' }] } };
  let t = Date.UTC(2024, 0, 1);
  const m = manageRevisionStatus(rev, { now: () => (t += 1000) });
  m.initializeConditions();
  steps(m);
  const { conditions, ...fields } = rev.status ?? {};
  return { conditions: (conditions ?? []).map(brief), fields };
}

const available: DeploymentStatus = { conditions: [{ type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' }, { type: 'Available', status: 'True' }] };
const timedOut: DeploymentStatus = {
  conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "r-deployment-1" has timed out progressing.' }],
};
const replicaFailure: DeploymentStatus = {
  conditions: [
    { type: 'Progressing', status: 'True' },
    { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'pods "r" is forbidden: exceeded quota' },
  ],
};

const paReady = (extra: Partial<PodAutoscalerStatus> = {}): PodAutoscalerStatus => ({
  serviceName: 'r',
  actualScale: 1,
  desiredScale: 1,
  conditions: [
    { type: 'Active', status: 'True' },
    { type: 'Ready', status: 'True' },
    { type: 'ScaleTargetInitialized', status: 'True' },
  ],
  ...extra,
});
const paInactive: PodAutoscalerStatus = {
  serviceName: 'r',
  actualScale: 0,
  desiredScale: 0,
  conditions: [
    { type: 'Active', status: 'False', reason: 'NoTraffic', message: 'The target is not receiving traffic.' },
    { type: 'Ready', status: 'False', reason: 'NoTraffic', message: 'The target is not receiving traffic.' },
    { type: 'ScaleTargetInitialized', status: 'True' },
  ],
};

describe('Revision conditions', () => {
  test.each<{ name: string; steps: (m: RevisionStatusManager) => void; want: Brief[]; fields?: object }>([
    {
      name: 'a new revision is Unknown, without Active',
      steps: () => {},
      want: [c('ContainerHealthy', 'Unknown'), c('Ready', 'Unknown'), c('ResourcesAvailable', 'Unknown')],
    },
    {
      name: 'an available deployment alone leaves ContainerHealthy to decide Ready',
      steps: (m) => m.propagateDeploymentStatus(available),
      want: [c('ContainerHealthy', 'Unknown'), c('Ready', 'Unknown'), c('ResourcesAvailable', 'True')],
    },
    {
      name: 'a deployment past its progress deadline fails the revision with the deployment message',
      steps: (m) => m.propagateDeploymentStatus(timedOut),
      want: [
        c('ContainerHealthy', 'Unknown'),
        c('Ready', 'False', 'ProgressDeadlineExceeded', 'ReplicaSet "r-deployment-1" has timed out progressing.'),
        c('ResourcesAvailable', 'False', 'ProgressDeadlineExceeded', 'ReplicaSet "r-deployment-1" has timed out progressing.'),
      ],
    },
    {
      name: 'a replica failure is ResourcesAvailable False with its reason',
      steps: (m) => m.propagateDeploymentStatus(replicaFailure),
      want: [
        c('ContainerHealthy', 'Unknown'),
        c('Ready', 'False', 'FailedCreate', 'pods "r" is forbidden: exceeded quota'),
        c('ResourcesAvailable', 'False', 'FailedCreate', 'pods "r" is forbidden: exceeded quota'),
      ],
    },
    {
      name: 'a deployment without conditions is still deploying',
      steps: (m) => m.propagateDeploymentStatus({}),
      want: [c('ContainerHealthy', 'Unknown'), c('Ready', 'Unknown', 'Deploying'), c('ResourcesAvailable', 'Unknown', 'Deploying')],
    },
    {
      name: 'a PA without conditions is deploying',
      steps: (m) => m.propagateAutoscalerStatus({}),
      want: [c('Active', 'Unknown', 'Deploying'), c('ContainerHealthy', 'Unknown'), c('Ready', 'Unknown', 'Deploying'), c('ResourcesAvailable', 'Unknown', 'Deploying')],
    },
    {
      name: 'a ready PA makes the revision Ready and Active, with replicas',
      steps: (m) => {
        m.propagateDeploymentStatus(available);
        m.propagateAutoscalerStatus(paReady());
      },
      want: [c('Active', 'True'), c('ContainerHealthy', 'True'), c('Ready', 'True'), c('ResourcesAvailable', 'True')],
      fields: { actualReplicas: 1, desiredReplicas: 1 },
    },
    {
      name: 'a PA scaled to zero keeps the revision Ready but not Active',
      steps: (m) => {
        m.propagateDeploymentStatus(available);
        m.propagateAutoscalerStatus(paInactive);
      },
      want: [
        c('Active', 'False', 'NoTraffic', 'The target is not receiving traffic.'),
        c('ContainerHealthy', 'True'),
        c('Ready', 'True'),
        c('ResourcesAvailable', 'True'),
      ],
      fields: { actualReplicas: 0, desiredReplicas: 0 },
    },
    {
      name: 'a ready PA without a Service name is still deploying',
      steps: (m) => {
        m.propagateDeploymentStatus(available);
        m.propagateAutoscalerStatus(paReady({ serviceName: '' }));
      },
      want: [c('Active', 'True'), c('ContainerHealthy', 'True'), c('Ready', 'Unknown', 'Deploying'), c('ResourcesAvailable', 'Unknown', 'Deploying')],
      fields: { actualReplicas: 1, desiredReplicas: 1 },
    },
    {
      name: 'a PA that scaled to zero before initial scale was reached fails the revision',
      steps: (m) =>
        m.propagateAutoscalerStatus({
          serviceName: 'r',
          conditions: [
            { type: 'Ready', status: 'False', reason: 'NoTraffic', message: 'The target is not receiving traffic.' },
            { type: 'ScaleTargetInitialized', status: 'Unknown' },
          ],
        }),
      want: [
        c('Active', 'False', 'NoTraffic', 'The target is not receiving traffic.'),
        c('ContainerHealthy', 'Unknown'),
        c('Ready', 'False', 'ProgressDeadlineExceeded', 'Initial scale was never achieved'),
        c('ResourcesAvailable', 'False', 'ProgressDeadlineExceeded', 'Initial scale was never achieved'),
      ],
    },
    {
      name: 'a crash recorded before the PA is propagated is kept',
      steps: (m) => {
        m.markContainerHealthyFalse('ExitCode1', 'Container failed with: boom');
        m.propagateAutoscalerStatus(paReady());
      },
      want: [
        c('Active', 'True'),
        c('ContainerHealthy', 'False', 'ExitCode1', 'Container failed with: boom'),
        c('Ready', 'False', 'ExitCode1', 'Container failed with: boom'),
        c('ResourcesAvailable', 'Unknown'),
      ],
      fields: { actualReplicas: 1, desiredReplicas: 1 },
    },
    {
      name: 'a message with a percent sign is kept verbatim',
      steps: (m) => m.markResourcesAvailableFalse('ImagePullBackOff', 'Back-off pulling image "x%s"'),
      want: [
        c('ContainerHealthy', 'Unknown'),
        c('Ready', 'False', 'ImagePullBackOff', 'Back-off pulling image "x%s"'),
        c('ResourcesAvailable', 'False', 'ImagePullBackOff', 'Back-off pulling image "x%s"'),
      ],
    },
    {
      name: 'negative scales are not reported as replicas',
      steps: (m) => m.propagateAutoscalerStatus({ actualScale: -1, desiredScale: -1 }),
      want: [c('Active', 'Unknown', 'Deploying'), c('ContainerHealthy', 'Unknown'), c('Ready', 'Unknown', 'Deploying'), c('ResourcesAvailable', 'Unknown', 'Deploying')],
    },
  ])('$name', ({ steps, want, fields }) => {
    const got = run(steps);
    expect(got.conditions).toEqual(want);
    expect(got.fields).toEqual(fields ?? {});
  });
});

describe('deployment status', () => {
  test.each<{ name: string; ds: DeploymentStatus | undefined; want: Brief; timedOut: boolean }>([
    { name: 'progressing', ds: available, want: c('Ready', 'True'), timedOut: false },
    { name: 'no status', ds: undefined, want: c('Ready', 'Unknown', 'Deploying'), timedOut: false },
    { name: 'timed out', ds: timedOut, want: c('Ready', 'False', 'ProgressDeadlineExceeded', 'ReplicaSet "r-deployment-1" has timed out progressing.'), timedOut: true },
    { name: 'replica failure wins over progress', ds: replicaFailure, want: c('Ready', 'False', 'FailedCreate', 'pods "r" is forbidden: exceeded quota'), timedOut: false },
    {
      name: 'progress Unknown carries its reason',
      ds: { conditions: [{ type: 'Progressing', status: 'Unknown', reason: 'Waiting', message: 'hold on' }] },
      want: c('Ready', 'Unknown', 'Waiting', 'hold on'),
      timedOut: false,
    },
    { name: 'a cleared replica failure is ready', ds: { conditions: [{ type: 'Progressing', status: 'True' }, { type: 'ReplicaFailure', status: 'False' }] }, want: c('Ready', 'True'), timedOut: false },
  ])('$name', ({ ds, want, timedOut: wantTimedOut }) => {
    expect(brief(deploymentReadyCondition(ds))).toEqual(want);
    expect(hasDeploymentTimedOut(ds)).toBe(wantTimedOut);
  });
});

describe('revision predicates and messages', () => {
  const rev = (generation: number, observedGeneration: number, ready: Condition['status'], active?: Condition['status']): Revision => ({
    metadata: { generation },
    spec: { containers: [] },
    status: { observedGeneration, conditions: [{ type: 'Ready', status: ready }, ...(active ? [{ type: 'Active', status: active }] : [])] },
  });

  test.each([
    { name: 'ready', r: rev(1, 1, 'True'), ready: true, failed: false },
    { name: 'failed', r: rev(1, 1, 'False'), ready: false, failed: true },
    { name: 'status of an older generation', r: rev(2, 1, 'True'), ready: false, failed: false },
  ])('$name', ({ r, ready, failed }) => {
    expect(isRevisionReady(r)).toBe(ready);
    expect(isRevisionFailed(r)).toBe(failed);
  });

  test.each([
    { name: 'no Active condition', status: rev(1, 1, 'True').status, want: false },
    { name: 'Active', status: rev(1, 1, 'True', 'True').status, want: false },
    { name: 'inactive', status: rev(1, 1, 'True', 'False').status, want: true },
    { name: 'activating', status: rev(1, 1, 'True', 'Unknown').status, want: true },
  ])('activation required: $name', ({ status, want }) => {
    expect(isActivationRequired(status)).toBe(want);
  });

  test('messages read as Knative writes them', () => {
    expect(resourceNotOwnedMessage('Deployment', 'r-deployment')).toBe('There is an existing Deployment "r-deployment" that we do not own.');
    expect(exitCodeReason(137)).toBe('ExitCode137');
    expect(revisionContainerExitingMessage('oops')).toBe('Container failed with: oops');
    expect(revisionContainerMissingMessage('ghcr.io/x:1', 'not found')).toBe('Unable to fetch image "ghcr.io/x:1": not found');
  });
});
