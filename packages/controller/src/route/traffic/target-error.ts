// Why a traffic target cannot be routed yet, and how the Route reports it (Knative's traffic/errors.go).
import type { Condition, Configuration, Revision, RouteStatusManager } from '@knot/api';

export type TargetErrorCode =
  | 'ConfigurationMissing'
  | 'RevisionMissing'
  | 'ConfigurationNotReady'
  | 'ConfigurationFailed'
  | 'RevisionNotReady'
  | 'RevisionFailed'
  | 'RevisionNotOwned';

/** A traffic target that cannot take traffic; `isFailure` when waiting will not help. */
export class TargetError extends Error {
  override readonly name = 'TargetError';
  readonly code: TargetErrorCode;
  readonly isFailure: boolean;
  readonly #mark: (status: RouteStatusManager) => void;

  constructor(code: TargetErrorCode, message: string, isFailure: boolean, mark: (status: RouteStatusManager) => void) {
    super(message);
    this.code = code;
    this.isFailure = isFailure;
    this.#mark = mark;
  }

  /** Writes AllTrafficAssigned as Knative does for this case. */
  markBadTrafficTarget(status: RouteStatusManager): void {
    this.#mark(status);
  }
}

export function missingConfiguration(name: string): TargetError {
  return new TargetError('ConfigurationMissing', `Configuration "${name}" referenced in traffic not found`, true, (s) => s.markMissingTrafficTarget('Configuration', name));
}

export function missingRevision(name: string): TargetError {
  return new TargetError('RevisionMissing', `Revision "${name}" referenced in traffic not found`, true, (s) => s.markMissingTrafficTarget('Revision', name));
}

/** A configuration with no latest ready revision: failed when its Ready is False. */
export function unreadyConfiguration(config: Configuration): TargetError {
  const name = config.metadata?.name ?? '';
  const failed = readyOf(config.status?.conditions) === 'False';
  return failed
    ? new TargetError('ConfigurationFailed', `Configuration "${name}" not ready, isFailure=true`, true, (s) => s.markConfigurationFailed(name))
    : new TargetError('ConfigurationNotReady', `Configuration "${name}" not ready, isFailure=false`, false, (s) => s.markConfigurationNotReady(name));
}

/** A revision that is not Ready: failed when its Ready is False. */
export function unreadyRevision(rev: Revision): TargetError {
  const name = rev.metadata?.name ?? '';
  const failed = readyOf(rev.status?.conditions) === 'False';
  return failed
    ? new TargetError('RevisionFailed', `Revision "${name}" not ready, isFailure=true`, true, (s) => s.markRevisionFailed(name))
    : new TargetError('RevisionNotReady', `Revision "${name}" not ready, isFailure=false`, false, (s) => s.markRevisionNotReady(name));
}

/** A Service's Route may only route to that Service's revisions. */
export function revisionNotOwned(revisionName: string, expectedService: string, actualService: string): TargetError {
  const message =
    actualService === ''
      ? `Revision "${revisionName}" does not belong to Service "${expectedService}"`
      : `Revision "${revisionName}" belongs to Service "${actualService}", not Service "${expectedService}"`;
  return new TargetError('RevisionNotOwned', message, true, (s) => s.markRevisionNotOwned(revisionName, expectedService, actualService));
}

function readyOf(conditions: readonly Condition[] | undefined): Condition['status'] {
  return conditions?.find((c) => c.type === 'Ready')?.status ?? 'Unknown';
}
