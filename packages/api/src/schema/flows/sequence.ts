import { array, describe, kindSchema, object } from '../builders.js';
import { addressable, appliedPoliciesFields, authStatus, destination, destinationFields, status } from '../common.js';
import { channelTemplate } from '../channelable.js';
import { deliverySpec } from '../delivery.js';
import type { SchemaProps } from '../schema-props.js';
import { flowChannelStatus, flowSubscriptionStatus } from './child-status.js';

const step: SchemaProps = object('One step: a destination and its own delivery options.', {
  ...destinationFields,
  delivery: deliverySpec('Delivery options for this step.'),
});

/** flows.knative.dev/v1 Sequence. */
export const sequenceSchema: SchemaProps = kindSchema(
  'Sends each event through a list of steps in order; the reply of each step is the input of the next.',
  object('The desired state of the sequence.', {
    steps: array('The steps, called in order.', step),
    channelTemplate: channelTemplate('The channel kind placed between steps; defaults from the default-ch-webhook ConfigMap.'),
    reply: destination('Receives the reply of the last step.'),
  }),
  status('The observed state of the sequence.', {
    subscriptionStatuses: array('The subscriptions of the steps, in step order.', flowSubscriptionStatus('The subscription of one step.')),
    channelStatuses: array('The channels in front of the steps, in step order.', flowChannelStatus('The channel in front of one step.')),
    address: describe(addressable, 'The address events are sent to, that of the first channel.'),
    auth: authStatus,
    ...appliedPoliciesFields,
  }),
);
