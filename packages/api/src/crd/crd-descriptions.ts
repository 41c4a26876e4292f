import type { CustomResourceColumnDefinition } from 'kubernetes-types/apiextensions/v1.js';
import { BROKER_CLASS_ANNOTATION_KEY } from '../constants/annotations.js';
import { CONFIGURATION_GENERATION_LABEL_KEY, CONFIGURATION_LABEL_KEY } from '../constants/labels.js';
import { metricSchema } from '../schema/autoscaling/metric.js';
import { podAutoscalerSchema } from '../schema/autoscaling/pod-autoscaler.js';
import { brokerSchema } from '../schema/eventing/broker.js';
import { eventTypeSchema } from '../schema/eventing/event-type.js';
import { triggerSchema } from '../schema/eventing/trigger.js';
import { parallelSchema } from '../schema/flows/parallel.js';
import { sequenceSchema } from '../schema/flows/sequence.js';
import { channelSchema } from '../schema/messaging/channel.js';
import { inMemoryChannelSchema } from '../schema/messaging/in-memory-channel.js';
import { subscriptionSchema } from '../schema/messaging/subscription.js';
import { certificateSchema } from '../schema/networking/certificate.js';
import { ingressSchema } from '../schema/networking/ingress.js';
import { serverlessServiceSchema } from '../schema/networking/serverless-service.js';
import type { SchemaProps } from '../schema/schema-props.js';
import { configurationSchema } from '../schema/serving/configuration.js';
import { domainMappingSchema } from '../schema/serving/domain-mapping.js';
import { revisionSchema } from '../schema/serving/revision.js';
import { routeSchema } from '../schema/serving/route.js';
import { serviceSchema } from '../schema/serving/service.js';
import { apiServerSourceSchema } from '../schema/sources/api-server-source.js';
import { containerSourceSchema } from '../schema/sources/container-source.js';
import { pingSourceSchema } from '../schema/sources/ping-source.js';
import { sinkBindingSchema } from '../schema/sources/sink-binding.js';
import {
  addressUrlColumn,
  ageColumn,
  integerColumn,
  metadataColumn,
  readyColumn,
  reasonColumn,
  sinkColumn,
  stringColumn,
  urlColumn,
} from './printer-columns.js';

/** What a CRD adds to a registry entry: schema, printer columns and labels, as Knative's CRDs have them. */
export interface CrdDescription {
  readonly schema: SchemaProps;
  readonly columns: readonly CustomResourceColumnDefinition[];
  /** Categories beyond those of the API group. */
  readonly categories?: readonly string[];
  /** Duck-type labels that tools select CRDs by. */
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

const ready = [readyColumn, reasonColumn] as const;
const addressable = { 'duck.knative.dev/addressable': 'true' } as const;
const podspecable = { 'duck.knative.dev/podspecable': 'true' } as const;
const subscribable = { 'messaging.knative.dev/subscribable': 'true' } as const;
const source = { 'eventing.knative.dev/source': 'true', 'duck.knative.dev/source': 'true' } as const;

/** The event types a source declares for the event registry (`registry.knative.dev/eventTypes`). */
function eventTypes(types: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  const list = Object.entries(types).map(([type, description]) => ({ type, description }));
  return { 'registry.knative.dev/eventTypes': JSON.stringify(list, null, 2) };
}

const apiServerEventTypes = eventTypes({
  'dev.knative.apiserver.resource.add': 'An object was added; the event carries the object (Resource mode).',
  'dev.knative.apiserver.resource.delete': 'An object was deleted; the event carries the object (Resource mode).',
  'dev.knative.apiserver.resource.update': 'An object was updated; the event carries the object (Resource mode).',
  'dev.knative.apiserver.ref.add': 'An object was added; the event carries a reference to it (Reference mode).',
  'dev.knative.apiserver.ref.delete': 'An object was deleted; the event carries a reference to it (Reference mode).',
  'dev.knative.apiserver.ref.update': 'An object was updated; the event carries a reference to it (Reference mode).',
});

/** CRD descriptions keyed by `plural.group`, one per kind of KNATIVE_RESOURCES. */
export const CRD_DESCRIPTIONS: Readonly<Record<string, CrdDescription>> = {
  'services.serving.knative.dev': {
    schema: serviceSchema,
    columns: [
      urlColumn,
      stringColumn('LatestCreated', '.status.latestCreatedRevisionName'),
      stringColumn('LatestReady', '.status.latestReadyRevisionName'),
      ...ready,
    ],
    labels: { ...addressable, ...podspecable },
  },
  'configurations.serving.knative.dev': {
    schema: configurationSchema,
    columns: [
      stringColumn('LatestCreated', '.status.latestCreatedRevisionName'),
      stringColumn('LatestReady', '.status.latestReadyRevisionName'),
      ...ready,
    ],
    labels: podspecable,
  },
  'revisions.serving.knative.dev': {
    schema: revisionSchema,
    columns: [
      metadataColumn('Config Name', 'labels', CONFIGURATION_LABEL_KEY),
      // A label value, so a string even though it holds a number.
      metadataColumn('Generation', 'labels', CONFIGURATION_GENERATION_LABEL_KEY),
      ...ready,
      integerColumn('Actual Replicas', '.status.actualReplicas'),
      integerColumn('Desired Replicas', '.status.desiredReplicas'),
    ],
  },
  'routes.serving.knative.dev': { schema: routeSchema, columns: [urlColumn, ...ready], labels: addressable },
  'domainmappings.serving.knative.dev': { schema: domainMappingSchema, columns: [urlColumn, ...ready] },
  'podautoscalers.autoscaling.internal.knative.dev': {
    schema: podAutoscalerSchema,
    columns: [integerColumn('DesiredScale', '.status.desiredScale'), integerColumn('ActualScale', '.status.actualScale'), ...ready],
  },
  'metrics.autoscaling.internal.knative.dev': { schema: metricSchema, columns: ready },
  'ingresses.networking.internal.knative.dev': { schema: ingressSchema, columns: ready },
  'serverlessservices.networking.internal.knative.dev': {
    schema: serverlessServiceSchema,
    columns: [
      stringColumn('Mode', '.spec.mode'),
      integerColumn('Activators', '.spec.numActivators'),
      stringColumn('ServiceName', '.status.serviceName'),
      stringColumn('PrivateServiceName', '.status.privateServiceName'),
      ...ready,
    ],
  },
  'certificates.networking.internal.knative.dev': { schema: certificateSchema, columns: ready },
  'brokers.eventing.knative.dev': {
    schema: brokerSchema,
    columns: [addressUrlColumn, ageColumn, ...ready, metadataColumn('Class', 'annotations', BROKER_CLASS_ANNOTATION_KEY)],
    labels: addressable,
  },
  'triggers.eventing.knative.dev': {
    schema: triggerSchema,
    columns: [stringColumn('Broker', '.spec.broker'), stringColumn('Subscriber_URI', '.status.subscriberUri'), ageColumn, ...ready],
  },
  'eventtypes.eventing.knative.dev': {
    schema: eventTypeSchema,
    columns: [
      stringColumn('Type', `.spec.attributes[?(@.name=="type")].value`),
      stringColumn('Source', `.spec.attributes[?(@.name=="source")].value`),
      stringColumn('Reference Name', '.spec.reference.name'),
      stringColumn('Reference Kind', '.spec.reference.kind'),
      stringColumn('Description', '.spec.description'),
      ...ready,
    ],
  },
  'channels.messaging.knative.dev': {
    schema: channelSchema,
    columns: [addressUrlColumn, ageColumn, ...ready],
    categories: ['channel'],
    labels: { ...subscribable, ...addressable },
  },
  'inmemorychannels.messaging.knative.dev': {
    schema: inMemoryChannelSchema,
    columns: [addressUrlColumn, ageColumn, ...ready],
    categories: ['channel'],
    labels: { ...subscribable, ...addressable },
  },
  'subscriptions.messaging.knative.dev': { schema: subscriptionSchema, columns: [ageColumn, ...ready] },
  'sequences.flows.knative.dev': { schema: sequenceSchema, columns: [addressUrlColumn, ageColumn, ...ready], labels: addressable },
  'parallels.flows.knative.dev': { schema: parallelSchema, columns: [addressUrlColumn, ageColumn, ...ready], labels: addressable },
  'pingsources.sources.knative.dev': {
    schema: pingSourceSchema,
    columns: [sinkColumn, stringColumn('Schedule', '.spec.schedule'), ageColumn, ...ready],
    labels: source,
    annotations: eventTypes({ 'dev.knative.sources.ping': 'Sent on every tick of the schedule, with the data of the source.' }),
  },
  'apiserversources.sources.knative.dev': {
    schema: apiServerSourceSchema,
    columns: [sinkColumn, ageColumn, ...ready],
    labels: source,
    annotations: apiServerEventTypes,
  },
  'containersources.sources.knative.dev': { schema: containerSourceSchema, columns: [sinkColumn, ageColumn, ...ready], labels: source },
  'sinkbindings.sources.knative.dev': {
    schema: sinkBindingSchema,
    columns: [sinkColumn, ageColumn, ...ready],
    categories: ['bindings'],
    labels: { ...source, 'duck.knative.dev/binding': 'true' },
  },
};
