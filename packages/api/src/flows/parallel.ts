import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { AddressStatus, AuthStatus, Destination } from '../duck/addressable.js';
import type { Status } from '../duck/condition.js';
import type { DeliverySpec } from '../duck/delivery.js';
import type { AppliedEventPoliciesStatus } from '../duck/event-policies.js';
import type { ChannelTemplateSpec } from '../messaging/channel-template.js';
import type { FlowChannelStatus, FlowSubscriptionStatus } from './child-status.js';

export interface ParallelBranch {
  /** Called first; the event goes on to the subscriber only if the filter replies with it. */
  filter?: Destination;
  subscriber: Destination;
  /** Where this branch's reply goes; defaults to the Parallel's reply. */
  reply?: Destination;
  delivery?: DeliverySpec;
}

export interface ParallelSpec {
  branches: ParallelBranch[];
  channelTemplate?: ChannelTemplateSpec;
  /** Default destination for branch replies. */
  reply?: Destination;
}

export type ParallelChannelStatus = FlowChannelStatus;
export type ParallelSubscriptionStatus = FlowSubscriptionStatus;

export interface ParallelBranchStatus {
  filterSubscriptionStatus?: ParallelSubscriptionStatus;
  filterChannelStatus?: ParallelChannelStatus;
  subscriberSubscriptionStatus?: ParallelSubscriptionStatus;
}

export interface ParallelStatus extends Status, AddressStatus, AppliedEventPoliciesStatus {
  ingressChannelStatus?: ParallelChannelStatus;
  branchStatuses?: ParallelBranchStatus[];
  auth?: AuthStatus;
}

/** flows.knative.dev/v1 Parallel. */
export interface Parallel {
  apiVersion?: 'flows.knative.dev/v1';
  kind?: 'Parallel';
  metadata?: ObjectMeta;
  spec: ParallelSpec;
  status?: ParallelStatus;
}

export const ParallelConditions = {
  Ready: 'Ready',
  ChannelsReady: 'ChannelsReady',
  SubscriptionsReady: 'SubscriptionsReady',
  Addressable: 'Addressable',
  EventPoliciesReady: 'EventPoliciesReady',
} as const;
