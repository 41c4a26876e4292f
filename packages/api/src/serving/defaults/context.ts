import type { ConfigDefaults } from '../../config/config-defaults.js';
import { DEFAULT_CONFIG_DEFAULTS } from '../../config/config-defaults.js';
import type { ConfigFeatures } from '../../config/config-features.js';
import { DEFAULT_CONFIG_FEATURES } from '../../config/config-features.js';

/** What defaulting may depend on besides the object itself. Every field is optional. */
export interface DefaultingContext {
  /** config-defaults snapshot; DEFAULT_CONFIG_DEFAULTS when absent. */
  readonly defaults?: ConfigDefaults;
  /** config-features flags (secure-pod-defaults), laid over DEFAULT_CONFIG_FEATURES. */
  readonly features?: Partial<ConfigFeatures>;
  /** The stored object on update; absent on create. */
  readonly original?: unknown;
  /** The requesting user: recorded in serving.knative.dev/creator and lastModifier. */
  readonly user?: string;
}

export interface ResolvedDefaultingContext {
  readonly defaults: ConfigDefaults;
  readonly features: ConfigFeatures;
  readonly original: unknown;
  readonly user: string | undefined;
  readonly inCreate: boolean;
}

export function resolveDefaultingContext(ctx: DefaultingContext = {}): ResolvedDefaultingContext {
  return {
    defaults: ctx.defaults ?? DEFAULT_CONFIG_DEFAULTS,
    features: { ...DEFAULT_CONFIG_FEATURES, ...ctx.features },
    original: ctx.original,
    user: ctx.user,
    inCreate: ctx.original === undefined,
  };
}

/** A JSON object being defaulted in place (always a private copy of the caller's input). */
export type Draft = Record<string, unknown>;

export function isDraft(v: unknown): v is Draft {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The object at `key`, created when absent; undefined when something else of another type is there. */
export function draftAt(parent: Draft, key: string): Draft | undefined {
  const v = Object.hasOwn(parent, key) ? parent[key] : undefined;
  if (v === undefined || v === null) {
    const created: Draft = {};
    parent[key] = created;
    return created;
  }
  return isDraft(v) ? v : undefined;
}

/** The object at `key` if one is there. */
export function existing(parent: Draft, key: string): Draft | undefined {
  const v = Object.hasOwn(parent, key) ? parent[key] : undefined;
  return isDraft(v) ? v : undefined;
}

/** The objects of an array field. */
export function drafts(parent: Draft, key: string): Draft[] {
  const v = Object.hasOwn(parent, key) ? parent[key] : undefined;
  return Array.isArray(v) ? v.filter(isDraft) : [];
}

/** Whether `key` is absent or null (Go's nil / omitted). */
export function unset(parent: Draft, key: string): boolean {
  return !Object.hasOwn(parent, key) || parent[key] === undefined || parent[key] === null;
}

/** A private deep copy, so defaulting never touches the caller's object. */
export function copyOf<T>(value: T): T {
  return structuredClone(value);
}
