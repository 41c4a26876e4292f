import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { AuthStatus, Destination, KReference } from '../duck/addressable.js';
import type { Status } from '../duck/condition.js';
import type { DeliverySpec, DeliveryStatus } from '../duck/delivery.js';

export interface SubscriptionSpec {
  /** The channel to subscribe to. Immutable. */
  channel: KReference;
  subscriber?: Destination;
  /** Where the subscriber's replies go. */
  reply?: Destination;
  delivery?: DeliverySpec;
}

/** The resolved addresses the channel was given. */
export interface SubscriptionStatusPhysicalSubscription extends DeliveryStatus {
  subscriberUri?: string;
  subscriberCACerts?: string;
  subscriberAudience?: string;
  replyUri?: string;
  replyCACerts?: string;
  replyAudience?: string;
}

export interface SubscriptionStatus extends Status {
  physicalSubscription?: SubscriptionStatusPhysicalSubscription;
  auth?: AuthStatus;
}

/** Routes a channel's events to a subscriber (messaging.knative.dev/v1 Subscription). */
export interface Subscription {
  apiVersion?: 'messaging.knative.dev/v1';
  kind?: 'Subscription';
  metadata?: ObjectMeta;
  spec: SubscriptionSpec;
  status?: SubscriptionStatus;
}

export const SubscriptionConditions = {
  Ready: 'Ready',
  ReferencesResolved: 'ReferencesResolved',
  AddedToChannel: 'AddedToChannel',
  ChannelReady: 'ChannelReady',
  OIDCIdentityCreated: 'OIDCIdentityCreated',
} as const;
