import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { KReference } from '../duck/addressable.js';
import type { ChannelableSpec, ChannelableStatus } from '../duck/channelable.js';
import type { ChannelTemplateSpec } from './channel-template.js';

export interface ChannelSpec extends ChannelableSpec {
  /** The backing channel to create; defaulted from `default-ch-webhook`. Immutable. */
  channelTemplate?: ChannelTemplateSpec;
}

export interface ChannelStatus extends ChannelableStatus {
  /** The backing channel. */
  channel?: KReference;
}

/** A channel of a configurable implementation (messaging.knative.dev/v1 Channel). */
export interface Channel {
  apiVersion?: 'messaging.knative.dev/v1';
  kind?: 'Channel';
  metadata?: ObjectMeta;
  spec: ChannelSpec;
  status?: ChannelStatus;
}

export const ChannelConditions = {
  Ready: 'Ready',
  BackingChannelReady: 'BackingChannelReady',
  Addressable: 'Addressable',
  DeadLetterSinkResolved: 'DeadLetterSinkResolved',
  EventPoliciesReady: 'EventPoliciesReady',
} as const;
