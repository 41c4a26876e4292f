import { array, object, str, stringMap } from './builders.js';
import { authStatus, destination, status } from './common.js';
import type { SchemaFields, SchemaProps } from './schema-props.js';

// The source duck type (duckv1.Source) that every event source embeds.

/** The spec fields every source has (duckv1.SourceSpec). */
export const sourceSpecFields: SchemaFields = {
  sink: destination('Where the source sends its events.'),
  ceOverrides: object('CloudEvents attributes the source adds to or overrides on every event.', {
    extensions: stringMap('Extension attributes, by name, set on every event.'),
  }),
};

/** A source status (duckv1.SourceStatus) plus the kind's own fields. */
export function sourceStatus(description: string, fields: SchemaFields = {}): SchemaProps {
  return status(description, {
    sinkUri: str('The resolved URL the source sends events to.'),
    sinkCACerts: str('PEM-encoded CA certificates of the sink.'),
    sinkAudience: str('The OIDC audience of the sink.'),
    ceAttributes: array(
      'The CloudEvents type and source pairs this source produces.',
      object('One type and source pair.', {
        type: str('The CloudEvents `type` attribute.'),
        source: str('The CloudEvents `source` attribute.'),
      }),
    ),
    auth: authStatus,
    ...fields,
  });
}
