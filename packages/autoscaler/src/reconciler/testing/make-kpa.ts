import type { ConfigAutoscaler } from '@knot/api';
import type { TableEnv } from '@knot/runtime/testing';
import { staticAutoscalerConfig } from '../../config-store.js';
import type { DeciderStatus } from '../../scaling/types.js';
import { kpaListers, KpaReconciler } from '../kpa-reconciler.js';
import { FakeMultiScaler } from './fake-multi-scaler.js';
import { KEY } from './pa-fixtures.js';

/** Rows name the decider's status in ctx.decider and config-autoscaler overrides in ctx.autoscaler. */
export function makeKpa(env: TableEnv): KpaReconciler {
  const decider = env.ctx.decider as Partial<DeciderStatus> | undefined;
  return new KpaReconciler({
    client: env.client,
    config: staticAutoscalerConfig({ autoscaler: env.ctx.autoscaler as Partial<ConfigAutoscaler> | undefined }),
    multiScaler: (env.ctx.multiScaler as FakeMultiScaler | undefined) ?? new FakeMultiScaler(decider ? { [KEY]: decider } : {}),
    listers: kpaListers(env.informers),
  });
}

export const SERVE = { desiredScale: 1, excessBurstCapacity: 0, numActivators: 2 };
export const decided = (desiredScale: number, more: Partial<DeciderStatus> = {}) => ({ decider: { ...SERVE, desiredScale, ...more } });
