import type { Condition, ConditionSeverity, ConditionStatus, Status } from '../duck/condition.js';
import { formatMetaTime } from '../meta-time.js';
import type { ConditionSet } from './condition-set.js';
import { timeOf } from './condition-time.js';
import { formatMessage } from './format-message.js';

export interface ManageOptions {
  /** The clock for lastTransitionTime; defaults to the real time. */
  readonly now?: () => Date | number;
}

/** A manager refused an operation; `code` says which. */
export class ConditionError extends Error {
  override readonly name = 'ConditionError';
  readonly code: 'TerminalCondition';

  constructor(code: 'TerminalCondition', message: string) {
    super(message);
    this.code = code;
  }
}

/** The fields a condition is written with; lastTransitionTime is always set by the manager. */
export interface ConditionInput {
  type: string;
  status: ConditionStatus;
  severity?: ConditionSeverity;
  reason?: string;
  message?: string;
}

/**
 * Higher-level operations on one status's conditions, with the happy condition
 * derived from the dependents (knative.dev/pkg/apis.ConditionManager). Writes go
 * straight into `status.conditions`, kept sorted by type; empty fields are
 * omitted, as Knative's JSON does, so an unchanged status compares equal.
 */
export class ConditionManager {
  readonly #set: ConditionSet;
  readonly #status: Pick<Status, 'conditions'>;
  readonly #now: () => Date | number;

  constructor(set: ConditionSet, status: Pick<Status, 'conditions'>, options?: ManageOptions) {
    this.#set = set;
    this.#status = status;
    this.#now = options?.now ?? (() => new Date());
  }

  /** A copy of the condition of `type`, or undefined. */
  getCondition(type: string): Condition | undefined {
    const c = this.#status.conditions?.find((x) => x.type === type);
    return c ? { ...c } : undefined;
  }

  /** The happy condition (Ready or Succeeded). */
  getTopLevelCondition(): Condition | undefined {
    return this.getCondition(this.#set.happy);
  }

  isHappy(): boolean {
    return this.getTopLevelCondition()?.status === 'True';
  }

  /**
   * Sets or replaces the condition of its type. lastTransitionTime is kept when
   * nothing else changed and set to now otherwise (also on a reason or message
   * change, as Knative does).
   */
  setCondition(input: ConditionInput): void {
    const next = normalize(input);
    const existing = this.#status.conditions ?? [];
    const old = existing.find((c) => c.type === next.type);
    if (old && sameIgnoringTime(old, next)) return;
    const stamped: Condition = { type: next.type, status: next.status };
    if (next.severity) stamped.severity = next.severity;
    stamped.lastTransitionTime = formatMetaTime(this.#now());
    if (next.reason) stamped.reason = next.reason;
    if (next.message) stamped.message = next.message;
    const others = existing.filter((c) => c.type !== next.type);
    this.#status.conditions = [...others, stamped].sort(byType);
  }

  /** Removes a non-terminal condition; terminal ones cannot be cleared. */
  clearCondition(type: string): void {
    if (this.#set.isTerminal(type)) {
      throw new ConditionError('TerminalCondition', `cannot clear terminal condition ${type}`);
    }
    const existing = this.#status.conditions;
    if (!existing?.some((c) => c.type === type)) return;
    this.#status.conditions = existing.filter((c) => c.type !== type).sort(byType);
  }

  /** Marks `type` True, and the happy condition True when every dependent is True. */
  markTrue(type: string): void {
    this.setCondition({ type, status: 'True', severity: this.#severity(type) });
    this.#recomputeHappiness(type);
  }

  markTrueWithReason(type: string, reason: string, messageFormat: string, ...args: unknown[]): void {
    this.setCondition({ type, status: 'True', reason, message: formatMessage(messageFormat, args), severity: this.#severity(type) });
    this.#recomputeHappiness(type);
  }

  /** Marks `type` Unknown; a dependent also makes the happy condition Unknown unless another dependent is False. */
  markUnknown(type: string, reason: string, messageFormat: string, ...args: unknown[]): void {
    const message = formatMessage(messageFormat, args);
    this.setCondition({ type, status: 'Unknown', reason, message, severity: this.#severity(type) });
    let isDependent = false;
    for (const dep of this.#set.dependents) {
      // A failed dependent trumps Unknown.
      if (this.getCondition(dep)?.status === 'False') {
        if (this.getTopLevelCondition()?.status !== 'False') {
          this.setCondition({ type: this.#set.happy, status: 'False', reason, message, severity: this.#severity(this.#set.happy) });
        }
        return;
      }
      if (dep === type) isDependent = true;
    }
    if (isDependent) {
      this.setCondition({ type: this.#set.happy, status: 'Unknown', reason, message, severity: this.#severity(this.#set.happy) });
    }
  }

  /** Marks `type` False; a dependent also makes the happy condition False with the same reason and message. */
  markFalse(type: string, reason: string, messageFormat: string, ...args: unknown[]): void {
    const message = formatMessage(messageFormat, args);
    const types = this.#set.dependents.includes(type) ? [type, this.#set.happy] : [type];
    for (const t of types) {
      this.setCondition({ type: t, status: 'False', reason, message, severity: this.#severity(t) });
    }
  }

  /** Adds the happy condition and every dependent as Unknown (True if happy is already True) where missing. */
  initializeConditions(): void {
    let happy = this.getTopLevelCondition();
    if (!happy) {
      this.setCondition({ type: this.#set.happy, status: 'Unknown' });
      happy = this.getTopLevelCondition();
    }
    const status: ConditionStatus = happy?.status === 'True' ? 'True' : 'Unknown';
    for (const dep of this.#set.dependents) {
      if (!this.getCondition(dep)) this.setCondition({ type: dep, status });
    }
  }

  #severity(type: string): ConditionSeverity {
    return this.#set.isTerminal(type) ? '' : 'Info';
  }

  #recomputeHappiness(type: string): void {
    const unhappy = this.#findUnhappyDependent();
    if (unhappy) {
      this.setCondition({ type: this.#set.happy, status: unhappy.status, reason: unhappy.reason, message: unhappy.message });
    } else if (type !== this.#set.happy) {
      this.setCondition({ type: this.#set.happy, status: 'True' });
    }
  }

  /** The most recently changed False dependent, else the most recent Unknown one, else Unknown if one is missing. */
  #findUnhappyDependent(): Pick<Condition, 'status' | 'reason' | 'message'> | undefined {
    const deps = this.#set.dependents;
    if (deps.length === 0) return undefined;
    const present = (this.#status.conditions ?? [])
      .filter((c) => deps.includes(c.type) && !c.severity)
      .sort((a, b) => timeOf(b.lastTransitionTime) - timeOf(a.lastTransitionTime));
    const found = present.find((c) => c.status === 'False') ?? present.find((c) => c.status === 'Unknown');
    if (found) return found;
    if (present.length < deps.length) return { status: 'Unknown' };
    return undefined;
  }
}

function normalize(c: ConditionInput): Required<ConditionInput> {
  return { type: c.type, status: c.status, severity: c.severity ?? '', reason: c.reason ?? '', message: c.message ?? '' };
}

function sameIgnoringTime(a: Condition, b: Required<ConditionInput>): boolean {
  return a.status === b.status && (a.severity ?? '') === b.severity && (a.reason ?? '') === b.reason && (a.message ?? '') === b.message;
}

function byType(a: Condition, b: Condition): number {
  return a.type < b.type ? -1 : a.type > b.type ? 1 : 0;
}
