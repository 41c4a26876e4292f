import { kindSchema, object } from '../builders.js';
import { channelableSpecFields, channelableStatus } from '../channelable.js';
import type { SchemaProps } from '../schema-props.js';

/** messaging.knative.dev/v1 InMemoryChannel. */
export const inMemoryChannelSchema: SchemaProps = kindSchema(
  'A best-effort channel that keeps events in memory and fans them out to its subscribers.',
  object('The desired state of the channel.', channelableSpecFields),
  channelableStatus('The observed state of the channel.'),
);
