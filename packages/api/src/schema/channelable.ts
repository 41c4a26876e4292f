import { array, describe, int64, object, openObject, str } from './builders.js';
import { addressStatusFields, appliedPoliciesFields, authStatus, kReference, status } from './common.js';
import { deliverySpec, deliveryStatusFields } from './delivery.js';
import type { SchemaFields, SchemaProps } from './schema-props.js';

// The channel duck type (eventing duckv1.Channelable) and the channel template
// that Channel, Sequence and Parallel use to create concrete channels.

const subscriberSpec: SchemaProps = object('One subscriber of the channel, written by the Subscription controller.', {
  name: str('Name of the Subscription this entry comes from.'),
  uid: str('UID of the Subscription this entry comes from.'),
  generation: int64('Generation of the Subscription this entry was made from.'),
  subscriberUri: str('The resolved URL events are delivered to.'),
  subscriberCACerts: str('PEM-encoded CA certificates of the subscriber.'),
  subscriberAudience: str('The OIDC audience of the subscriber.'),
  replyUri: str("The resolved URL the subscriber's replies are sent to."),
  replyCACerts: str('PEM-encoded CA certificates of the reply destination.'),
  replyAudience: str('The OIDC audience of the reply destination.'),
  delivery: deliverySpec('Delivery options for this subscriber.'),
  auth: authStatus,
});

const subscriberStatus: SchemaProps = object("The channel's view of one subscriber.", {
  uid: str('UID of the Subscription.'),
  observedGeneration: int64('Generation of the Subscription the channel last acted on.'),
  ready: str('Whether the channel delivers to this subscriber: `True`, `False` or `Unknown`.'),
  message: str('Why the subscriber is not ready, when it is not.'),
  auth: authStatus,
});

/** The spec fields every channel has (eventing duckv1.ChannelableSpec). */
export const channelableSpecFields: SchemaFields = {
  subscribers: array('The subscribers of this channel; maintained by Subscriptions, not by users.', subscriberSpec),
  delivery: deliverySpec('Default delivery options for every subscription of this channel; a subscription may override them.'),
};

/** A channel status (eventing duckv1.ChannelableStatus) plus the kind's own fields. */
export function channelableStatus(description: string, fields: SchemaFields = {}): SchemaProps {
  return status(description, {
    ...addressStatusFields,
    subscribers: array('The state of each subscriber.', subscriberStatus),
    ...deliveryStatusFields,
    ...appliedPoliciesFields,
    ...fields,
  });
}

/** The kind and spec of the channel a Channel, Sequence or Parallel creates. */
export function channelTemplate(description: string): SchemaProps {
  return object(description, {
    apiVersion: str('API version of the channel kind, e.g. `messaging.knative.dev/v1`.'),
    kind: str('The channel kind, e.g. `InMemoryChannel`.'),
    spec: openObject('Spec passed to the created channel as is.'),
  });
}

/** The reference to the backing channel in a Channel status. */
export const backingChannel: SchemaProps = describe(kReference, 'The concrete channel that backs this Channel.');
