import { array, bool, describe, kindSchema, object, str } from '../builders.js';
import { kReference, status } from '../common.js';
import type { SchemaProps } from '../schema-props.js';

/** eventing.knative.dev/v1beta3 EventType. */
export const eventTypeSchema: SchemaProps = kindSchema(
  'A kind of event that can be consumed from, or sent to, an addressable such as a broker.',
  object('The desired state of the event type.', {
    reference: describe(kReference, 'The addressable the events come from or go to, such as a Broker.'),
    description: str('What the events are, for people browsing the registry.'),
    attributes: array(
      'The CloudEvents attributes of the events.',
      object(
        'One CloudEvents attribute.',
        {
          name: str('Name of the attribute, such as `type` or `source`.'),
          required: bool('True when every event carries the attribute.'),
          value: str('The value of the attribute, literal or a template with `{variable}` parts.'),
        },
        ['name'],
      ),
    ),
  }),
  status('The observed state of the event type.'),
);
