import { int32, object, str } from './builders.js';
import { destination } from './common.js';
import type { SchemaFields, SchemaProps } from './schema-props.js';

/** Retry, timeout and dead-letter options for an event sender (eventing duckv1.DeliverySpec). */
export function deliverySpec(description: string): SchemaProps {
  return object(description, {
    deadLetterSink: destination('Receives the events that could not be delivered after all retries.'),
    retry: int32('Minimum number of retries before an event goes to the dead-letter sink.'),
    timeout: str('Timeout of each delivery attempt, an ISO 8601 duration such as `PT10S`.'),
    backoffPolicy: str('How the delay grows between retries: `linear` (delay × n) or `exponential` (delay × 2^n).'),
    backoffDelay: str('Base delay between retries, an ISO 8601 duration such as `PT0.2S`.'),
    retryAfterMax: str(
      'Upper bound on the Retry-After header honoured on 429 and 503 responses, an ISO 8601 duration; `PT0S` ignores the header.',
    ),
    format: str('The CloudEvents mode used to send events: `json` (structured) or `binary`; unset leaves it to the sender.'),
  });
}

/** The resolved dead-letter sink, inlined in a status (eventing duckv1.DeliveryStatus). */
export const deliveryStatusFields: SchemaFields = {
  deadLetterSinkUri: str('The resolved URL of the dead-letter sink.'),
  deadLetterSinkCACerts: str('PEM-encoded CA certificates of the dead-letter sink.'),
  deadLetterSinkAudience: str('The OIDC audience of the dead-letter sink.'),
};

