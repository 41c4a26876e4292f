import { array, describe, object, openObject, str, stringMap } from '../builders.js';
import type { SchemaProps } from '../schema-props.js';

// Filters in the CloudEvents Subscriptions API dialect. The dialect nests, and a
// structural schema cannot recurse, so nested expressions are kept open and
// validated by the webhook, as Knative does.

const nested = openObject('A nested filter expression.');

/** One filter expression; set one dialect per expression. */
export const subscriptionsFilter: SchemaProps = object('One filter expression; an empty expression accepts every event.', {
  all: array('True when every nested expression is true.', nested),
  any: array('True when at least one nested expression is true.', nested),
  not: describe(nested, 'True when the nested expression is false.'),
  exact: stringMap('Attribute names and the values they must equal (case-sensitive).'),
  prefix: stringMap('Attribute names and the prefixes their values must start with.'),
  suffix: stringMap('Attribute names and the suffixes their values must end with.'),
  cesql: str('A CloudEvents SQL expression that must evaluate to true.'),
});

/** A list of filter expressions that must all be true. */
export function subscriptionsFilters(description: string): SchemaProps {
  return array(description, subscriptionsFilter);
}
