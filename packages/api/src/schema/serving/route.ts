import { array, bool, describe, int64, kindSchema, object, str } from '../builders.js';
import { addressable, status } from '../common.js';
import type { SchemaFields, SchemaProps } from '../schema-props.js';

const trafficTarget: SchemaProps = object('One entry of the routing table.', {
  tag: str('Gives this target its own URL, by default `{tag}-{route}.{namespace}.{domain}`.'),
  revisionName: str('The revision that receives this share; mutually exclusive with configurationName.'),
  configurationName: str(
    'The configuration whose latest ready revision receives this share, followed as it changes; spec only; mutually exclusive with revisionName.',
  ),
  latestRevision: bool('True to follow the latest ready revision of the configuration; must be false when revisionName is set.'),
  percent: int64('Share of the traffic, 0 to 100; the shares of all targets add up to 100.'),
  url: str('Status only: the URL of a tagged target.'),
});

/** The traffic split of a Route or Service spec. */
export const trafficSpec: SchemaProps = array('How traffic is split over revisions and configurations.', trafficTarget);

/** The status fields a Service shares with its Route. */
export const routeStatusFields: SchemaFields = {
  url: str('The URL traffic is served on, usually `http[s]://{route}.{namespace}.{domain}`.'),
  address: describe(addressable, 'The cluster-local address of the route.'),
  traffic: array(
    'The traffic split in effect; configurations appear as the revision they resolved to.',
    trafficTarget,
  ),
};

/** serving.knative.dev/v1 Route. */
export const routeSchema: SchemaProps = kindSchema(
  'Routes network traffic to revisions, split by percentage and reachable by tag.',
  object('The desired state of the route.', { traffic: trafficSpec }),
  status('The observed state of the route.', routeStatusFields),
);
