import { describe, kindSchema, object } from '../builders.js';
import { addressStatusFields, appliedPoliciesFields, kReference, status } from '../common.js';
import { deliverySpec, deliveryStatusFields } from '../delivery.js';
import type { SchemaProps } from '../schema-props.js';

/** eventing.knative.dev/v1 Broker. */
export const brokerSchema: SchemaProps = kindSchema(
  'A pool of events with one address to send them to; triggers pick the events their subscribers receive.',
  object('The desired state of the broker.', {
    config: describe(kReference, 'Configuration of the broker class, for example a ConfigMap.'),
    delivery: deliverySpec("Default delivery options for the broker's triggers; a trigger may override them."),
  }),
  status('The observed state of the broker.', { ...addressStatusFields, ...deliveryStatusFields, ...appliedPoliciesFields }),
);
