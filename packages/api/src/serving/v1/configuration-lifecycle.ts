// The Configuration's conditions and the transitions its reconciler makes (Knative's configuration_lifecycle.go).
import { newLivingConditionSet } from '../../conditions/condition-set.js';
import type { ConditionManager, ManageOptions } from '../../conditions/condition-manager.js';
import type { Configuration, ConfigurationStatus } from './configuration.js';

export const ConfigurationConditions = {
  /** Reflects the latest created Revision: Unknown while it is not ready, False when it failed. */
  Ready: 'Ready',
} as const;

/** Only Ready: a Configuration has no dependent conditions. */
export const configurationConditionSet = newLivingConditionSet();

/** True when the configuration's status describes its current generation and is Ready. */
export function isConfigurationReady(config: Configuration): boolean {
  return observed(config) && readyStatus(config) === 'True';
}

/** True when the configuration's status describes its current generation and Ready is False. */
export function isConfigurationFailed(config: Configuration): boolean {
  return observed(config) && readyStatus(config) === 'False';
}

/** Ready, and the latest created revision is also the latest ready one. */
export function isLatestReadyRevisionNameUpToDate(config: Configuration): boolean {
  return isConfigurationReady(config) && config.status?.latestCreatedRevisionName === config.status?.latestReadyRevisionName;
}

function observed(config: Configuration): boolean {
  return (config.status?.observedGeneration ?? 0) === (config.metadata?.generation ?? 0);
}

function readyStatus(config: Configuration): string | undefined {
  return config.status?.conditions?.find((c) => c.type === ConfigurationConditions.Ready)?.status;
}

/** The Configuration status transitions, each writing the conditions Knative writes. */
export class ConfigurationStatusManager {
  readonly #status: ConfigurationStatus;
  readonly #m: ConditionManager;

  constructor(status: ConfigurationStatus, options?: ManageOptions) {
    this.#status = status;
    this.#m = configurationConditionSet.manage(status, options);
  }

  get conditions(): ConditionManager {
    return this.#m;
  }

  initializeConditions(): void {
    this.#m.initializeConditions();
  }

  /** A newer revision than the latest ready one makes Ready Unknown until it is ready. */
  setLatestCreatedRevisionName(name: string): void {
    this.#status.latestCreatedRevisionName = name;
    if (this.#status.latestReadyRevisionName !== name) this.#m.markUnknown(ConfigurationConditions.Ready, '', '');
  }

  /** Ready turns True once the latest ready revision is also the latest created one. */
  setLatestReadyRevisionName(name: string): void {
    this.#status.latestReadyRevisionName = name;
    if (name === this.#status.latestCreatedRevisionName) this.#m.markTrue(ConfigurationConditions.Ready);
  }

  markLatestCreatedFailed(name: string, message: string): void {
    this.#m.markFalse(ConfigurationConditions.Ready, 'RevisionFailed', 'Revision %q failed with message: %s.', name, message);
  }

  markRevisionCreationFailed(message: string): void {
    this.#m.markFalse(ConfigurationConditions.Ready, 'RevisionFailed', 'Revision creation failed with message: %s.', message);
  }

  markLatestReadyDeleted(): void {
    this.#m.markFalse(ConfigurationConditions.Ready, 'RevisionDeleted', 'Revision %q was deleted.', this.#status.latestReadyRevisionName ?? '');
  }
}

/** A manager writing into `status` (created when missing) with the given clock. */
export function manageConfigurationStatus(config: Configuration, options?: ManageOptions): ConfigurationStatusManager {
  return new ConfigurationStatusManager((config.status ??= {}), options);
}
