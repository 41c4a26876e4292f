import { kindSchema, object } from '../builders.js';
import { backingChannel, channelTemplate, channelableSpecFields, channelableStatus } from '../channelable.js';
import type { SchemaProps } from '../schema-props.js';

/** messaging.knative.dev/v1 Channel. */
export const channelSchema: SchemaProps = kindSchema(
  'A channel whose implementation is chosen by its template or the cluster default, and created for it.',
  object('The desired state of the channel.', {
    channelTemplate: channelTemplate('The channel implementation to create; defaults from the default-ch-webhook ConfigMap. Immutable.'),
    ...channelableSpecFields,
  }),
  channelableStatus('The observed state of the channel.', { channel: backingChannel }),
);
