import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { ChannelableSpec, ChannelableStatus } from '../duck/channelable.js';

export type InMemoryChannelSpec = ChannelableSpec;
export type InMemoryChannelStatus = ChannelableStatus;

/** A best-effort channel without persistence (messaging.knative.dev/v1 InMemoryChannel). */
export interface InMemoryChannel {
  apiVersion?: 'messaging.knative.dev/v1';
  kind?: 'InMemoryChannel';
  metadata?: ObjectMeta;
  spec: InMemoryChannelSpec;
  status?: InMemoryChannelStatus;
}

export const InMemoryChannelConditions = {
  Ready: 'Ready',
  DispatcherReady: 'DispatcherReady',
  ServiceReady: 'ServiceReady',
  EndpointsReady: 'EndpointsReady',
  Addressable: 'Addressable',
  ChannelServiceReady: 'ChannelServiceReady',
  DeadLetterSinkResolved: 'DeadLetterSinkResolved',
  EventPoliciesReady: 'EventPoliciesReady',
} as const;
