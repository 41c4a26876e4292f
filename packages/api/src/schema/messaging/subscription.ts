import { describe, kindSchema, object, str } from '../builders.js';
import { authStatus, destination, kReference, status } from '../common.js';
import { deliverySpec, deliveryStatusFields } from '../delivery.js';
import type { SchemaProps } from '../schema-props.js';

/** messaging.knative.dev/v1 Subscription. */
export const subscriptionSchema: SchemaProps = kindSchema(
  'Delivers the events of a channel to a subscriber and its replies to a reply destination.',
  object('The desired state of the subscription.', {
    channel: describe(kReference, 'The channel to subscribe to. Immutable.'),
    subscriber: destination('Receives the events of the channel.'),
    reply: destination("Receives the subscriber's replies."),
    delivery: deliverySpec("Delivery options for this subscription; they override the channel's."),
  }),
  status('The observed state of the subscription.', {
    physicalSubscription: object('The resolved addresses handed to the channel.', {
      subscriberUri: str('The resolved URL of the subscriber.'),
      subscriberCACerts: str('PEM-encoded CA certificates of the subscriber.'),
      subscriberAudience: str('The OIDC audience of the subscriber.'),
      replyUri: str('The resolved URL of the reply destination.'),
      replyCACerts: str('PEM-encoded CA certificates of the reply destination.'),
      replyAudience: str('The OIDC audience of the reply destination.'),
      ...deliveryStatusFields,
    }),
    auth: authStatus,
  }),
);
