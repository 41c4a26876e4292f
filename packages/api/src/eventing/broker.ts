import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { AddressStatus, KReference } from '../duck/addressable.js';
import type { Status } from '../duck/condition.js';
import type { DeliverySpec, DeliveryStatus } from '../duck/delivery.js';
import type { AppliedEventPoliciesStatus } from '../duck/event-policies.js';

export interface BrokerSpec {
  /** Class-specific configuration, for example a ConfigMap. */
  config?: KReference;
  /** Default delivery for every trigger; a trigger's own delivery overrides it. */
  delivery?: DeliverySpec;
}

export interface BrokerStatus extends Status, AddressStatus, DeliveryStatus, AppliedEventPoliciesStatus {}

/** A pool of events that triggers subscribe to (eventing.knative.dev/v1 Broker). */
export interface Broker {
  apiVersion?: 'eventing.knative.dev/v1';
  kind?: 'Broker';
  metadata?: ObjectMeta;
  spec: BrokerSpec;
  status?: BrokerStatus;
}

export const BrokerConditions = {
  Ready: 'Ready',
  IngressReady: 'IngressReady',
  TriggerChannelReady: 'TriggerChannelReady',
  FilterReady: 'FilterReady',
  Addressable: 'Addressable',
  DeadLetterSinkResolved: 'DeadLetterSinkResolved',
  EventPoliciesReady: 'EventPoliciesReady',
} as const;
