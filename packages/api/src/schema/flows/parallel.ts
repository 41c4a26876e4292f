import { array, kindSchema, object } from '../builders.js';
import { addressStatusFields, appliedPoliciesFields, authStatus, destination, status } from '../common.js';
import { channelTemplate } from '../channelable.js';
import { deliverySpec } from '../delivery.js';
import type { SchemaProps } from '../schema-props.js';
import { flowChannelStatus, flowSubscriptionStatus } from './child-status.js';

const branch: SchemaProps = object('One branch: an optional filter, a subscriber and where its reply goes.', {
  filter: destination('Called first; the event goes on to the subscriber only when the filter replies with it.'),
  subscriber: destination('Receives the events that pass the filter.'),
  reply: destination("Receives the subscriber's reply; defaults to the reply of the parallel."),
  delivery: deliverySpec('Delivery options for this branch.'),
});

/** flows.knative.dev/v1 Parallel. */
export const parallelSchema: SchemaProps = kindSchema(
  'Sends each event to every branch at once; each branch filters it and calls its own subscriber.',
  object('The desired state of the parallel.', {
    branches: array('The branches, each called with every event.', branch),
    channelTemplate: channelTemplate('The channel kind used for the ingress and the branches; defaults from the default-ch-webhook ConfigMap.'),
    reply: destination('Default destination of the replies of the branches.'),
  }),
  status('The observed state of the parallel.', {
    ingressChannelStatus: flowChannelStatus('The channel every event first arrives on.'),
    branchStatuses: array(
      'The state of each branch, in branch order.',
      object('The channels and subscriptions of one branch.', {
        filterSubscriptionStatus: flowSubscriptionStatus('The subscription that calls the filter.'),
        filterChannelStatus: flowChannelStatus('The channel in front of the filter.'),
        subscriberSubscriptionStatus: flowSubscriptionStatus('The subscription that calls the subscriber.'),
      }),
    ),
    ...addressStatusFields,
    auth: authStatus,
    ...appliedPoliciesFields,
  }),
);
