import { kindSchema, object, str } from '../builders.js';
import { sourceSpecFields, sourceStatus } from '../source.js';
import type { SchemaProps } from '../schema-props.js';

/** sources.knative.dev/v1 PingSource. */
export const pingSourceSchema: SchemaProps = kindSchema(
  'Sends an event with fixed data on a cron schedule.',
  object('The desired state of the ping source.', {
    schedule: str('A cron schedule; defaults to every minute (`* * * * *`).'),
    timezone: str('The IANA time zone the schedule is read in, such as `Europe/Paris`; defaults to UTC.'),
    contentType: str('Media type of the event data.'),
    data: str('Event data as text; mutually exclusive with dataBase64.'),
    dataBase64: str('Event data encoded in base64; mutually exclusive with data.'),
    ...sourceSpecFields,
  }),
  sourceStatus('The observed state of the ping source.'),
);
