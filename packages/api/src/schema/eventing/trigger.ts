import { describe, kindSchema, object, str, stringMap } from '../builders.js';
import { authStatus, destination, kReference, status } from '../common.js';
import { deliverySpec, deliveryStatusFields } from '../delivery.js';
import type { SchemaProps } from '../schema-props.js';
import { subscriptionsFilters } from './subscriptions-filter.js';

/** eventing.knative.dev/v1 Trigger. */
export const triggerSchema: SchemaProps = kindSchema(
  "Delivers the events of a broker that pass its filter to a subscriber.",
  object('The desired state of the trigger.', {
    broker: str('Name of the broker, in the namespace of the trigger, whose events this trigger receives.'),
    brokerRef: describe(kReference, 'A broker in another namespace, when cross-namespace references are enabled.'),
    filter: object('Exact matching on event attributes; without a filter every event passes.', {
      attributes: stringMap('Attribute names and the values they must equal; an empty value matches any value.'),
    }),
    filters: subscriptionsFilters('Filter expressions that must all be true; when set, `filter` is ignored.'),
    subscriber: destination('Receives the events that pass the filter.'),
    delivery: deliverySpec("Delivery options for this trigger; they override the broker's."),
  }),
  status('The observed state of the trigger.', {
    subscriberUri: str('The resolved URL of the subscriber.'),
    subscriberCACerts: str('PEM-encoded CA certificates of the subscriber.'),
    subscriberAudience: str('The OIDC audience of the subscriber.'),
    ...deliveryStatusFields,
    auth: authStatus,
  }),
);
