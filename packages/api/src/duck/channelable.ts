import type { AddressStatus, AuthStatus } from './addressable.js';
import type { ConditionStatus, Status } from './condition.js';
import type { DeliverySpec, DeliveryStatus } from './delivery.js';
import type { AppliedEventPoliciesStatus } from './event-policies.js';

/** One subscriber of a channel; at least one of `subscriberUri` and `replyUri` is set (eventing duckv1.SubscriberSpec). */
export interface SubscriberSpec {
  /** Name of the Subscription this entry came from. */
  name?: string;
  /** UID of the Subscription; the merge key of the list. */
  uid?: string;
  /** Generation of the Subscription that produced this entry. */
  generation?: number;
  subscriberUri?: string;
  subscriberCACerts?: string;
  subscriberAudience?: string;
  replyUri?: string;
  replyCACerts?: string;
  replyAudience?: string;
  delivery?: DeliverySpec;
  auth?: AuthStatus;
}

/** A channel's view of one subscriber (eventing duckv1.SubscriberStatus). */
export interface SubscriberStatus {
  uid?: string;
  observedGeneration?: number;
  ready?: ConditionStatus;
  message?: string;
  auth?: AuthStatus;
}

export interface SubscribableSpec {
  subscribers?: SubscriberSpec[];
}

export interface SubscribableStatus {
  subscribers?: SubscriberStatus[];
}

/** The spec every channel implementation embeds (eventing duckv1.ChannelableSpec). */
export interface ChannelableSpec extends SubscribableSpec {
  /** Default delivery for every subscription; a subscription's own delivery overrides it. */
  delivery?: DeliverySpec;
}

/** The status every channel implementation embeds (eventing duckv1.ChannelableStatus). */
export interface ChannelableStatus extends Status, AddressStatus, SubscribableStatus, DeliveryStatus, AppliedEventPoliciesStatus {}
