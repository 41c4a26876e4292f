import { describe, object } from '../builders.js';
import { condition, objectReference } from '../common.js';
import type { SchemaProps } from '../schema-props.js';

/** The state of a channel a flow created. */
export function flowChannelStatus(description: string): SchemaProps {
  return object(description, {
    channel: describe(objectReference, 'The channel.'),
    ready: describe(condition, 'The Ready condition of the channel.'),
  });
}

/** The state of a subscription a flow created. */
export function flowSubscriptionStatus(description: string): SchemaProps {
  return object(description, {
    subscription: describe(objectReference, 'The subscription.'),
    ready: describe(condition, 'The Ready condition of the subscription.'),
  });
}
