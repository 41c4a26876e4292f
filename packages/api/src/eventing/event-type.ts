import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { KReference } from '../duck/addressable.js';
import type { Status } from '../duck/condition.js';

/** One CloudEvents attribute of an event type. */
export interface EventAttributeDefinition {
  name: string;
  required: boolean;
  /** A literal value or a template with `{variable}` parts. */
  value?: string;
}

export interface EventTypeSpec {
  /** The addressable the events come from or go to, e.g. a Broker. */
  reference?: KReference;
  description?: string;
  attributes: EventAttributeDefinition[];
}

export type EventTypeStatus = Status;

/** A registered kind of event (eventing.knative.dev/v1beta3 EventType). */
export interface EventType {
  apiVersion?: 'eventing.knative.dev/v1beta3';
  kind?: 'EventType';
  metadata?: ObjectMeta;
  spec: EventTypeSpec;
  status?: EventTypeStatus;
}

export const EventTypeConditions = { Ready: 'Ready', ReferenceExists: 'ReferenceExists' } as const;
