import {
  CONFIGURATION_GENERATION_LABEL_KEY,
  CONFIGURATION_LABEL_KEY,
  manageConfigurationStatus,
  serving,
  type Condition,
  type Configuration,
  type ConfigurationStatusManager,
  type Revision,
} from '@knot/api';
import { ApiError, isAlreadyExists, type Client, type KindReconciler, type Lister, type ReconcileContext } from '@knot/runtime';
import { isControlledBy } from '../kmeta/owner-refs.js';
import { semanticEqual } from '../kmeta/semantic-equal.js';
import { makeRevision, revisionLabelValue } from './resources/make-revision.js';

export interface ConfigurationReconcilerDeps {
  client: Client;
  revisions: Lister<Revision>;
}

/** What the lookup for the current generation's Revision found. */
type Lookup = { revision: Revision; byo: boolean } | { missing: true } | { conflict: ApiError };

/**
 * Stamps one Revision per generation of a Configuration and tracks the latest
 * created and latest ready ones (Knative's configuration reconciler). A failed
 * revision never becomes latestReady; Ready follows the latest created one.
 */
export class ConfigurationReconciler implements KindReconciler<Configuration> {
  readonly #client: Client;
  readonly #revisions: Lister<Revision>;

  constructor(deps: ConfigurationReconcilerDeps) {
    this.#client = deps.client;
    this.#revisions = deps.revisions;
  }

  async reconcileKind(config: Configuration, ctx: ReconcileContext): Promise<void> {
    const status = manageConfigurationStatus(config, { now: () => ctx.clock.now() });
    // Compared with Ready at the start, not after setLatestCreatedRevisionName resets it, so a steady failure is reported once.
    const readyBefore = status.conditions.getCondition('Ready');
    const found = this.#latestCreatedRevision(config);
    if ('conflict' in found) {
      // The name belongs to another Configuration or generation: report it and wait for a spec change.
      status.markRevisionCreationFailed(found.conflict.message);
      return;
    }
    const byo = 'revision' in found && found.byo;
    const lcr = 'revision' in found ? found.revision : await this.#createRevision(config, status, ctx);
    const revName = lcr.metadata?.name ?? '';
    status.setLatestCreatedRevisionName(revName);

    const rc = readyOf(lcr);
    if (rc?.status === 'True') {
      ctx.logger.info({ revision: revName }, 'revision of configuration is ready');
      if (!config.status?.latestReadyRevisionName) ctx.recorder.event(config, 'Normal', 'ConfigurationReady', 'Configuration becomes ready');
    } else if (rc?.status === 'False') {
      ctx.logger.info({ revision: revName, reason: rc.reason, message: rc.message }, 'revision of configuration has failed');
      status.markLatestCreatedFailed(revName, rc.message ?? '');
      if (!sameCondition(readyBefore, status.conditions.getCondition('Ready'))) {
        if (revName === config.status?.latestReadyRevisionName) ctx.recorder.event(config, 'Warning', 'LatestReadyFailed', `Latest ready revision "${revName}" has failed`);
        else ctx.recorder.event(config, 'Warning', 'LatestCreatedFailed', `Latest created revision "${revName}" has failed`);
      }
    } else {
      ctx.logger.info({ revision: revName }, 'revision of configuration is not ready');
    }

    this.#findAndSetLatestReadyRevision(config, status, lcr, byo, ctx);
  }

  /** The Revision for the current generation: the bring-your-own name, else the one labelled with this generation. */
  #latestCreatedRevision(config: Configuration): Lookup {
    const byoName = config.spec.template.metadata?.name;
    if (byoName) {
      const checked = checkNameAvailability(config, this.#revisions);
      if (checked) return checked;
    }
    const ns = config.metadata?.namespace;
    const generation = revisionLabelValue(CONFIGURATION_GENERATION_LABEL_KEY, config);
    // Found by label, not by name, so revisions named before the naming scheme still count.
    const match = this.#revisions.list(ns).find((r) => r.metadata?.labels?.[CONFIGURATION_LABEL_KEY] === config.metadata?.name && r.metadata?.labels?.[CONFIGURATION_GENERATION_LABEL_KEY] === generation);
    return match ? { revision: match, byo: false } : { missing: true };
  }

  async #createRevision(config: Configuration, status: ConfigurationStatusManager, ctx: ReconcileContext): Promise<Revision> {
    try {
      const created = await this.#client.create(serving.revisions, makeRevision(config, ctx.clock.now()));
      ctx.recorder.event(config, 'Normal', 'Created', `Created Revision "${created.metadata?.name ?? ''}"`);
      ctx.logger.info({ revision: created.metadata?.name }, 'created revision');
      return created;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // A name taken between our cache read and the create: retry with a fresh cache, reporting nothing.
      if (!isAlreadyExists(err)) {
        ctx.recorder.event(config, 'Warning', 'CreationFailed', `Failed to create Revision: ${message}`);
        status.markRevisionCreationFailed(message);
      }
      throw new Error(`failed to create Revision: ${message}`, { cause: err });
    }
  }

  /** latestReady moves to the newest ready revision between the current latestReady's generation and now. */
  #findAndSetLatestReadyRevision(config: Configuration, status: ConfigurationStatusManager, lcr: Revision, byo: boolean, ctx: ReconcileContext): void {
    for (const rev of this.#sortedCreatedRevisions(config, lcr, byo, ctx)) {
      if (!isRevisionReady(rev)) continue;
      const old = config.status?.latestReadyRevisionName;
      const name = rev.metadata?.name ?? '';
      status.setLatestReadyRevisionName(name);
      if (old !== name) ctx.recorder.event(config, 'Normal', 'LatestReadyUpdate', `LatestReadyRevisionName updated to "${name}"`);
      return;
    }
  }

  #sortedCreatedRevisions(config: Configuration, lcr: Revision, byo: boolean, ctx: ReconcileContext): Revision[] {
    const ns = config.metadata?.namespace;
    const generation = config.metadata?.generation ?? 0;
    let list = this.#revisions.list(ns).filter((r) => r.metadata?.labels?.[CONFIGURATION_LABEL_KEY] === config.metadata?.name);
    const lrrName = config.status?.latestReadyRevisionName;
    if (lrrName) {
      const lrr = this.#revisions.get(ns, lrrName);
      if (!lrr) {
        // A deleted latest ready revision: search them all so a replacement can be found.
        ctx.logger.error({ revision: lrrName }, 'latest ready revision not found');
      } else {
        const start = configGeneration(lrr) ?? generation;
        const lcrGen = configGeneration(lcr);
        list = list.filter((r) => {
          const g = configGeneration(r);
          return g !== undefined && ((g >= start && g <= generation) || (byo && g === lcrGen));
        });
      }
    }
    const byoName = config.spec.template.metadata?.name;
    return list.sort((a, b) => {
      if (byoName && a.metadata?.name === byoName) return -1;
      if (byoName && b.metadata?.name === byoName) return 1;
      return (configGeneration(b) ?? -1) - (configGeneration(a) ?? -1);
    });
  }
}

/**
 * For a bring-your-own revision name: the Revision if it is ours for this
 * generation (or has the same spec), a conflict if the name is taken, or
 * undefined when it does not exist yet (Knative's CheckNameAvailability).
 */
export function checkNameAvailability(config: Configuration, revisions: Lister<Revision>): { revision: Revision; byo: true } | { conflict: ApiError } | undefined {
  const name = config.spec.template.metadata?.name;
  if (!name) return undefined;
  const rev = revisions.get(config.metadata?.namespace, name);
  if (!rev) return undefined;
  const conflict = { conflict: new ApiError('AlreadyExists', `revisions.serving.knative.dev "${name}" already exists`) };
  if (!isControlledBy(rev, config)) return conflict;
  if (rev.metadata?.labels?.[CONFIGURATION_GENERATION_LABEL_KEY] === revisionLabelValue(CONFIGURATION_GENERATION_LABEL_KEY, config)) return { revision: rev, byo: true };
  // Only the spec must match: the rest is immutable and users may label or annotate revisions.
  return semanticEqual(config.spec.template.spec, rev.spec) ? { revision: rev, byo: true } : conflict;
}

function configGeneration(rev: Revision): number | undefined {
  const value = rev.metadata?.labels?.[CONFIGURATION_GENERATION_LABEL_KEY];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

function readyOf(rev: Revision): Condition | undefined {
  return rev.status?.conditions?.find((c) => c.type === 'Ready');
}

/** Ready for the revision's current generation (Knative's Revision.IsReady). */
export function isRevisionReady(rev: Revision): boolean {
  return (rev.status?.observedGeneration ?? 0) === (rev.metadata?.generation ?? 0) && readyOf(rev)?.status === 'True';
}

function sameCondition(a: Condition | undefined, b: Condition | undefined): boolean {
  return a?.status === b?.status && a?.reason === b?.reason && a?.message === b?.message;
}

