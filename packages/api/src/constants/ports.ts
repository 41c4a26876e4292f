// Ports, namespaces and config-map names that components must agree on, as Knative uses them.

/** queue-proxy (and activator) HTTP/1 serving port: the `targetPort` of HTTP/1 revisions. */
export const BACKEND_HTTP_PORT = 8012;
/** queue-proxy (and activator) h2c serving port: the `targetPort` of HTTP/2 revisions. */
export const BACKEND_HTTP2_PORT = 8013;
/** queue-proxy (and activator) HTTPS serving port, used with system-internal TLS. */
export const BACKEND_HTTPS_PORT = 8112;
/** queue-proxy admin port: health and `/wait-for-drain`. */
export const QUEUE_ADMIN_PORT = 8022;
/** queue-proxy stats for the autoscaler (`/metrics`), scraped every second. */
export const AUTOSCALING_QUEUE_METRICS_PORT = 9090;
/** queue-proxy Prometheus metrics for users. */
export const USER_QUEUE_METRICS_PORT = 9091;
/** pprof, when profiling is enabled; reserved in user containers. */
export const PROFILING_PORT = 8008;

/** Activator serving ports (the same numbers as queue-proxy, so SKS can swap endpoints). */
export const ACTIVATOR_HTTP_PORT = BACKEND_HTTP_PORT;
export const ACTIVATOR_HTTP2_PORT = BACKEND_HTTP2_PORT;
export const ACTIVATOR_HTTPS_PORT = BACKEND_HTTPS_PORT;
/** Activator Prometheus metrics. */
export const ACTIVATOR_METRICS_PORT = 9090;

/** The autoscaler's websocket stat server that activators push stats to. */
export const AUTOSCALER_STATS_PORT = 8080;

/** The port a user container listens on when it declares none (`$PORT`). */
export const DEFAULT_USER_PORT = 8080;

/** Ports of the K8s Services in front of revisions and the activator. */
export const SERVICE_HTTP_PORT = 80;
export const SERVICE_HTTP2_PORT = 81;
export const SERVICE_HTTPS_PORT = 443;

/** Container ports a user container may not use. */
export const RESERVED_PORTS: readonly number[] = Object.freeze([
  BACKEND_HTTP_PORT,
  BACKEND_HTTP2_PORT,
  QUEUE_ADMIN_PORT,
  AUTOSCALING_QUEUE_METRICS_PORT,
  USER_QUEUE_METRICS_PORT,
  PROFILING_PORT,
]);

// Port names on pods and Services.
export const USER_PORT_NAME = 'user-port';
export const QUEUE_PORT_NAME = 'queue-port';
export const QUEUE_HTTPS_PORT_NAME = 'https-port';
export const QUEUE_ADMIN_PORT_NAME = 'http-queueadm';
export const AUTOSCALING_QUEUE_METRICS_PORT_NAME = 'http-autometric';
export const USER_QUEUE_METRICS_PORT_NAME = 'http-usermetric';
export const SERVICE_PORT_NAME_HTTP1 = 'http';
export const SERVICE_PORT_NAME_H2C = 'http2';

/** Paths shared between components. */
export const HEALTH_CHECK_PATH = '/healthz';
export const WAIT_FOR_DRAIN_PATH = '/wait-for-drain';

/** The activator's K8s Service. */
export const ACTIVATOR_SERVICE_NAME = 'activator-service';

// System namespaces.
export const SERVING_NAMESPACE = 'knative-serving';
export const EVENTING_NAMESPACE = 'knative-eventing';

/** knot's gateway (the ingress): its K8s Services in the serving namespace and its listeners. */
export const GATEWAY_SERVICE_NAME = 'knot-gateway';
export const GATEWAY_INTERNAL_SERVICE_NAME = 'knot-gateway-internal';
/** The gateway's external listener: in its pod, and `knot dev`'s default on 127.0.0.1. */
export const GATEWAY_HTTP_PORT = 8080;
/** The gateway's cluster-local listener. */
export const GATEWAY_INTERNAL_HTTP_PORT = 8081;
/** The gateway's health and Prometheus port. */
export const GATEWAY_ADMIN_PORT = 9090;
/** The autoscaler's Prometheus port. */
export const AUTOSCALER_METRICS_PORT = 9090;
