import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { Addressable, AuthStatus, Destination } from '../duck/addressable.js';
import type { Status } from '../duck/condition.js';
import type { DeliverySpec } from '../duck/delivery.js';
import type { AppliedEventPoliciesStatus } from '../duck/event-policies.js';
import type { ChannelTemplateSpec } from '../messaging/channel-template.js';
import type { FlowChannelStatus, FlowSubscriptionStatus } from './child-status.js';

/** One step: a destination plus its own delivery options. */
export interface SequenceStep extends Destination {
  delivery?: DeliverySpec;
}

export interface SequenceSpec {
  /** Called in order; each step's reply is the next step's input. */
  steps: SequenceStep[];
  /** The channel kind between steps; defaults from `default-ch-webhook`. */
  channelTemplate?: ChannelTemplateSpec;
  /** Where the last step's reply goes. */
  reply?: Destination;
}

export type SequenceChannelStatus = FlowChannelStatus;
export type SequenceSubscriptionStatus = FlowSubscriptionStatus;

export interface SequenceStatus extends Status, AppliedEventPoliciesStatus {
  subscriptionStatuses?: SequenceSubscriptionStatus[];
  channelStatuses?: SequenceChannelStatus[];
  address?: Addressable;
  auth?: AuthStatus;
}

/** flows.knative.dev/v1 Sequence. */
export interface Sequence {
  apiVersion?: 'flows.knative.dev/v1';
  kind?: 'Sequence';
  metadata?: ObjectMeta;
  spec: SequenceSpec;
  status?: SequenceStatus;
}

export const SequenceConditions = {
  Ready: 'Ready',
  ChannelsReady: 'ChannelsReady',
  SubscriptionsReady: 'SubscriptionsReady',
  Addressable: 'Addressable',
  EventPoliciesReady: 'EventPoliciesReady',
} as const;
