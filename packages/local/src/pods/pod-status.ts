// A pod's status from its containers' states, as the kubelet writes it.
import { formatMetaTime } from '@knot/api';
import type { ContainerStatus, PodCondition, PodStatus } from 'kubernetes-types/core/v1.js';
import { LOCAL_POD_IP } from './port-allocator.js';

export interface PodStatusInput {
  readonly containers: readonly ContainerStatus[];
  /** Some container has not run yet (it is being created, or cannot be). */
  readonly pending: boolean;
  /** When the pod was taken up. */
  readonly startTime: number;
  readonly now: number;
  /** The status written last, whose transition times carry over. */
  readonly previous: PodStatus | undefined;
}

/**
 * Phase Pending until every container has run, then Running; Succeeded or
 * Failed once every container has terminated for good. Conditions
 * PodScheduled, Initialized, ContainersReady and Ready.
 */
export function podStatus(input: PodStatusInput): PodStatus {
  const { containers } = input;
  const unready = containers.filter((c) => !c.ready).map((c) => c.name);
  const allReady = containers.length > 0 && unready.length === 0;
  const notReady = { reason: 'ContainersNotReady', message: `containers with unready status: [${unready.join(' ')}]` };
  const conditions: PodCondition[] = [
    condition(input, 'Initialized', true),
    condition(input, 'Ready', allReady, notReady),
    condition(input, 'ContainersReady', allReady, notReady),
    condition(input, 'PodScheduled', true),
  ];
  return {
    phase: phaseOf(input),
    conditions,
    hostIP: LOCAL_POD_IP,
    hostIPs: [{ ip: LOCAL_POD_IP }],
    podIP: LOCAL_POD_IP,
    podIPs: [{ ip: LOCAL_POD_IP }],
    startTime: formatMetaTime(input.startTime),
    containerStatuses: [...containers],
    qosClass: 'BestEffort',
  };
}

function phaseOf(input: PodStatusInput): string {
  if (input.pending) return 'Pending';
  const all = input.containers;
  if (all.length > 0 && all.every((c) => c.state?.terminated)) return all.every((c) => c.state?.terminated?.exitCode === 0) ? 'Succeeded' : 'Failed';
  return 'Running';
}

function condition(input: PodStatusInput, type: string, ok: boolean, why?: { reason: string; message: string }): PodCondition {
  const status = ok ? 'True' : 'False';
  const before = input.previous?.conditions?.find((c) => c.type === type);
  const lastTransitionTime = before?.status === status && before.lastTransitionTime ? before.lastTransitionTime : formatMetaTime(input.now);
  return { type, status, lastTransitionTime, ...(!ok && why ? why : {}) };
}
