import { CONFIGURATION_LABEL_KEY, serving, type ConfigGC, type Configuration, type Revision, type Route } from '@knot/api';
import { isNotFound, type Client, type KindReconciler, type Lister, type ReconcileContext, type ReconcileResult } from '@knot/runtime';
import { planRevisionGC } from './gc-plan.js';

export interface RevisionGCReconcilerOptions {
  client: Client;
  revisions: Lister<Revision>;
  routes: Lister<Route>;
  /** The current config-gc snapshot, read once per reconcile. */
  config: () => ConfigGC;
}

/** A revision could not be deleted; the Configuration is reconciled again. */
export class RevisionGCError extends Error {
  override readonly name = 'RevisionGCError';
  readonly code = 'RevisionGCFailed';
}

/**
 * Deletes a Configuration's revisions that config-gc no longer retains
 * (Knative's revision GC reconciler). It never writes the Configuration, and
 * asks to look again when a kept revision will have aged out.
 */
export class RevisionGCReconciler implements KindReconciler<Configuration> {
  readonly #o: RevisionGCReconcilerOptions;

  constructor(opts: RevisionGCReconcilerOptions) {
    this.#o = opts;
  }

  async reconcileKind(configuration: Configuration, { clock, logger, recorder }: ReconcileContext): Promise<void | ReconcileResult> {
    const namespace = configuration.metadata?.namespace;
    const name = configuration.metadata?.name ?? '';
    const now = clock.now();
    const plan = planRevisionGC({
      config: this.#o.config(),
      configuration,
      revisions: this.#o.revisions.list(namespace, `${CONFIGURATION_LABEL_KEY}=${name}`),
      referenced: referencedRevisions(this.#o.routes.list(namespace)),
      now,
    });

    const failures: string[] = [];
    for (const rev of plan.delete) {
      const revName = rev.metadata?.name ?? '';
      try {
        await this.#o.client.delete(serving.revisions, namespace, revName);
        logger.info({ revision: revName }, 'deleted revision no longer retained by config-gc');
        recorder.event(configuration, 'Normal', 'Deleted', `Deleted Revision "${revName}"`);
      } catch (err) {
        if (isNotFound(err)) continue;
        failures.push(`${revName}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (failures.length > 0) throw new RevisionGCError(`failed to delete revisions: ${failures.join('; ')}`);
    return plan.recheckAt === undefined ? undefined : { requeueAfter: plan.recheckAt - now };
  }
}

/** Revision names in any Route's spec or status traffic: what serves, or is about to. */
export function referencedRevisions(routes: readonly Route[]): Set<string> {
  const names = new Set<string>();
  for (const route of routes) {
    for (const target of [...(route.spec.traffic ?? []), ...(route.status?.traffic ?? [])]) {
      if (target.revisionName) names.add(target.revisionName);
    }
  }
  return names;
}
