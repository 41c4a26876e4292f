import type { AuthStatus, Destination } from './addressable.js';
import type { Status } from './condition.js';

/** Attributes a source adds to or overrides on every event it sends (duckv1.CloudEventOverrides). */
export interface CloudEventOverrides {
  extensions?: Record<string, string>;
}

/** The spec every source embeds inline (duckv1.SourceSpec). */
export interface SourceSpec {
  /** Where the source sends its events. */
  sink?: Destination;
  ceOverrides?: CloudEventOverrides;
}

/** A CloudEvent type/source pair a source produces (duckv1.CloudEventAttributes). */
export interface CloudEventAttributes {
  type?: string;
  source?: string;
}

/** The status every source embeds inline (duckv1.SourceStatus). */
export interface SourceStatus extends Status {
  /** The resolved sink the source currently sends to. */
  sinkUri?: string;
  ceAttributes?: CloudEventAttributes[];
  sinkCACerts?: string;
  sinkAudience?: string;
  auth?: AuthStatus;
}

/** Condition types of the source duck type. */
export const SourceConditions = { SinkProvided: 'SinkProvided' } as const;
