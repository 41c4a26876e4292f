import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { AuthStatus, Destination, KReference } from '../duck/addressable.js';
import type { Status } from '../duck/condition.js';
import type { DeliverySpec, DeliveryStatus } from '../duck/delivery.js';

/** Exact-match filter on CloudEvents context attributes; an empty value matches any value. */
export interface TriggerFilter {
  attributes?: Record<string, string>;
}

/**
 * One expression of the CloudEvents Subscriptions API filter dialect. Set one
 * dialect per object; an empty object accepts every event.
 */
export interface SubscriptionsAPIFilter {
  /** True when every nested expression is true. */
  all?: SubscriptionsAPIFilter[];
  /** True when at least one nested expression is true. */
  any?: SubscriptionsAPIFilter[];
  /** True when the nested expression is false. */
  not?: SubscriptionsAPIFilter;
  /** Attribute name to value; all must match exactly (case-sensitive). */
  exact?: Record<string, string>;
  /** Attribute name to prefix; all must match. */
  prefix?: Record<string, string>;
  /** Attribute name to suffix; all must match. */
  suffix?: Record<string, string>;
  /** A CloudEvents SQL expression. */
  cesql?: string;
}

export interface TriggerSpec {
  /** Name of the broker in the trigger's namespace. */
  broker?: string;
  /** Cross-namespace broker reference. */
  brokerRef?: KReference;
  filter?: TriggerFilter;
  /** When set, replaces `filter`; all expressions must be true. */
  filters?: SubscriptionsAPIFilter[];
  subscriber: Destination;
  delivery?: DeliverySpec;
}

export interface TriggerStatus extends Status, DeliveryStatus {
  subscriberUri?: string;
  subscriberCACerts?: string;
  subscriberAudience?: string;
  auth?: AuthStatus;
}

/** Delivers a broker's matching events to a subscriber (eventing.knative.dev/v1 Trigger). */
export interface Trigger {
  apiVersion?: 'eventing.knative.dev/v1';
  kind?: 'Trigger';
  metadata?: ObjectMeta;
  spec: TriggerSpec;
  status?: TriggerStatus;
}

export const TriggerConditions = {
  Ready: 'Ready',
  BrokerReady: 'BrokerReady',
  SubscriptionReady: 'SubscriptionReady',
  DependencyReady: 'DependencyReady',
  SubscriberResolved: 'SubscriberResolved',
  DeadLetterSinkResolved: 'DeadLetterSinkResolved',
  OIDCIdentityCreated: 'OIDCIdentityCreated',
} as const;
