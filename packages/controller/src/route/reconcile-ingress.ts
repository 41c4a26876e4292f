// The Route's Ingress: created, kept equal to the desired one, stepped through gradual rollouts.
import { networking, ROLLOUT_ANNOTATION_KEY, routeRolloutDuration, type Ingress, type IngressTLS, type IngressVisibility, type Route } from '@knot/api';
import { jsonEqual, type Client, type Lister, type ReconcileContext } from '@knot/runtime';
import { messageOf, rethrow, withContext } from '../error-context.js';
import { ingressName, makeIngress } from './resources/make-ingress.js';
import type { RouteConfig } from './route-config.js';
import type { TrafficConfig } from './traffic/build-traffic.js';
import { parseRollout } from './traffic/rollout-annotation.js';
import { buildRollout, observeReady, stepRollout, type Rollout } from './traffic/rollout.js';

export interface IngressDeps {
  readonly client: Client;
  readonly ingresses: Lister<Ingress>;
}

export interface IngressInput {
  readonly route: Route;
  readonly traffic: TrafficConfig;
  readonly visibility: ReadonlyMap<string, IngressVisibility>;
  readonly config: RouteConfig;
  readonly ingressClass: string;
  readonly tls?: readonly IngressTLS[];
}

export interface IngressOutcome {
  readonly ingress: Ingress;
  /** The traffic shape now programmed. */
  readonly rollout: Rollout;
  /** Milliseconds until the next rollout step, when one is scheduled. */
  readonly nextStepIn?: number;
}

export async function reconcileIngress(deps: IngressDeps, input: IngressInput, ctx: ReconcileContext): Promise<IngressOutcome> {
  const { route } = input;
  const existing = deps.ingresses.get(route.metadata?.namespace, ingressName(route));
  if (!existing) {
    // A new Ingress has nothing to roll out from.
    const rollout = buildRollout(input.traffic);
    let created: Ingress;
    try {
      created = await deps.client.create(networking.ingresses, makeIngress({ ...input, rollout }));
    } catch (err) {
      ctx.recorder.event(route, 'Warning', 'CreationFailed', `Failed to create Ingress: ${messageOf(err)}`);
      throw withContext('failed to create Ingress', err);
    }
    ctx.recorder.event(route, 'Normal', 'Created', `Created Ingress "${created.metadata?.name}"`);
    return { ingress: created, rollout };
  }

  const { rollout, nextStepIn } = reconcileRollout(input, existing, ctx);
  const desired = makeIngress({ ...input, rollout });
  const m = existing.metadata ?? {};
  const step = nextStepIn === undefined ? {} : { nextStepIn };
  if (jsonEqual(existing.spec, desired.spec) && jsonEqual(m.annotations ?? {}, desired.metadata?.annotations ?? {}) && jsonEqual(m.labels ?? {}, desired.metadata?.labels ?? {})) {
    return { ingress: existing, rollout, ...step };
  }
  const copy = structuredClone(existing);
  const updated = await deps.client
    .update(networking.ingresses, { ...copy, metadata: { ...copy.metadata, annotations: desired.metadata?.annotations, labels: desired.metadata?.labels }, spec: desired.spec })
    .catch(rethrow('failed to update Ingress'));
  return { ingress: updated, rollout, ...step };
}

/**
 * The traffic shape to program now. Without a rollout duration it is the
 * steady state. With one, the previous state comes from the Ingress's rollout
 * annotation: the first time the Ingress is seen ready sizes the steps, and
 * each reconcile takes the steps that are due.
 */
function reconcileRollout(input: IngressInput, ingress: Ingress, ctx: ReconcileContext): { rollout: Rollout; nextStepIn?: number } {
  const { route, config, traffic } = input;
  const durationSecs = Math.trunc(routeRolloutDuration(route) / 1000) || config.network.rolloutDurationSeconds;
  const cur = buildRollout(traffic);
  if (durationSecs <= 0) return { rollout: cur };
  const nowNs = ctx.clock.now() * 1e6;
  let prev = parseRollout(ingress.metadata?.annotations?.[ROLLOUT_ANNOTATION_KEY]);
  const routeSawReady = route.status?.conditions?.find((c) => c.type === 'IngressReady')?.status === 'True';
  if (prev && isIngressReady(ingress) && !routeSawReady) prev = observeReady(prev, nowNs, durationSecs);
  const { rollout, nextStepTime } = stepRollout(cur, prev, nowNs);
  if (nextStepTime <= 0) return { rollout };
  const nextStepIn = Math.max(1, Math.ceil((nextStepTime - nowNs) / 1e6));
  ctx.logger.debug({ nextStepIn, durationSecs }, 'rollout step scheduled');
  return { rollout, nextStepIn };
}

/** Ready and describing its current generation. */
export function isIngressReady(ingress: Ingress): boolean {
  return (ingress.status?.observedGeneration ?? 0) === (ingress.metadata?.generation ?? 0) && ingress.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
}
