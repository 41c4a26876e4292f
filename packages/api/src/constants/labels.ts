// Label keys Knative components set and select on. The strings must match
// Knative's exactly so knot's objects are readable by Knative tooling and back.

/** On a Configuration, Route, Revision... : the Service that owns it. */
export const SERVICE_LABEL_KEY = 'serving.knative.dev/service';
/** On a Revision: the Configuration that created it. */
export const CONFIGURATION_LABEL_KEY = 'serving.knative.dev/configuration';
/** On a revision's Deployment, pods, PodAutoscaler and SKS: the Revision. */
export const REVISION_LABEL_KEY = 'serving.knative.dev/revision';
/** On a Configuration or Revision that a Route references. */
export const ROUTE_LABEL_KEY = 'serving.knative.dev/route';
/** On a Revision: the Configuration generation that stamped it. */
export const CONFIGURATION_GENERATION_LABEL_KEY = 'serving.knative.dev/configurationGeneration';
export const REVISION_UID_LABEL_KEY = 'serving.knative.dev/revisionUID';
export const SERVICE_UID_LABEL_KEY = 'serving.knative.dev/serviceUID';
export const CONFIGURATION_UID_LABEL_KEY = 'serving.knative.dev/configurationUID';
/** On a Revision: one of the ROUTING_STATE values, maintained by the labeler. */
export const ROUTING_STATE_LABEL_KEY = 'serving.knative.dev/routingState';
export const DOMAIN_MAPPING_UID_LABEL_KEY = 'serving.knative.dev/domainMappingUID';
export const DOMAIN_MAPPING_NAMESPACE_LABEL_KEY = 'serving.knative.dev/domainMappingNamespace';
/** On a Route's placeholder K8s Service: the Route's namespace. */
export const ROUTE_NAMESPACE_LABEL_KEY = 'serving.knative.dev/routeNamespace';

/** On a Service, Route or K8s Service: `cluster-local` keeps it off the external gateway. */
export const VISIBILITY_LABEL_KEY = 'networking.knative.dev/visibility';
export const VISIBILITY_CLUSTER_LOCAL = 'cluster-local';

/** On the K8s Services and Endpoints an SKS controls: the SKS name. */
export const SKS_LABEL_KEY = 'networking.internal.knative.dev/serverlessservice';
/** On the K8s Services an SKS creates: `Public` or `Private`. */
export const SERVICE_TYPE_LABEL_KEY = 'networking.internal.knative.dev/serviceType';
export const SERVICE_TYPE_PUBLIC = 'Public';
export const SERVICE_TYPE_PRIVATE = 'Private';
/** On an Ingress's children: the Ingress name. */
export const INGRESS_LABEL_KEY = 'networking.internal.knative.dev/ingress';
/** On a Certificate's children: the Certificate UID. */
export const CERTIFICATE_UID_LABEL_KEY = 'networking.internal.knative.dev/certificate-uid';

/** On a Broker's children and a Trigger's Subscription: the Broker name. */
export const BROKER_LABEL_KEY = 'eventing.knative.dev/broker';
/** On a Trigger's Subscription: the Trigger name. */
export const TRIGGER_LABEL_KEY = 'eventing.knative.dev/trigger';

/** The conventional Kubernetes app label, set on revision pods to the revision name. */
export const APP_LABEL_KEY = 'app';

/** Values of ROUTING_STATE_LABEL_KEY. */
export const RoutingState = {
  /** Created, routing not yet decided; treated as active by GC. */
  Pending: 'pending',
  /** Referenced by a Route. */
  Active: 'active',
  /** No longer referenced, scaled down, may be pinned again. */
  Reserve: 'reserve',
} as const;
export type RoutingState = (typeof RoutingState)[keyof typeof RoutingState];
