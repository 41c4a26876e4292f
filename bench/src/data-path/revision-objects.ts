// The objects the controller and kubelet would write for one revision whose only
// pod is the queue-proxy under test: what the activator and the gateway read
// from their in-memory store in the bench.
import {
  childName,
  core,
  INGRESS_CLASS_ANNOTATION_KEY,
  KNOT_INGRESS_CLASS,
  networking,
  REVISION_HEADER_NAME,
  REVISION_HEADER_NAMESPACE,
  serving,
  SERVICE_PORT_NAME_HTTP1,
  type Ingress,
  type ResourceType,
  type Revision,
} from '@knot/api';
import type { Client } from '@knot/runtime';

type ObjectOf<R> = R extends ResourceType<infer T> ? T : never;
type Endpoints = ObjectOf<typeof core.endpoints>;
type K8sService = ObjectOf<typeof core.services>;

export const NAMESPACE = 'default';
export const REVISION = 'hello-00001';
export const HOST = 'hello.default.example.com';

/** The headers the gateway adds on its way to a revision, and what a client of the activator must send. */
export const REVISION_HEADERS: Readonly<Record<string, string>> = { [REVISION_HEADER_NAMESPACE]: NAMESPACE, [REVISION_HEADER_NAME]: REVISION };

export function revision(): Revision {
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Revision',
    metadata: { namespace: NAMESPACE, name: REVISION, labels: { 'serving.knative.dev/service': 'hello', 'serving.knative.dev/configuration': 'hello' } },
    // containerConcurrency 0 (Knative's default): no limit, as for both queue-proxies.
    spec: { containerConcurrency: 0, timeoutSeconds: 300, containers: [{ name: 'user-container', image: 'example.com/hello' }] },
  };
}

/** Endpoints listing one pod on 127.0.0.1 whose queue-proxy listens on `port`, under the port name `http`. */
export function podEndpoints(name: string, port: number): Endpoints {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { namespace: NAMESPACE, name },
    subsets: [{ addresses: [{ ip: '127.0.0.1' }], ports: [{ name: SERVICE_PORT_NAME_HTTP1, port, protocol: 'TCP' }] }],
  };
}

/** The revision's public Service (serve mode: its Endpoints are the pods). */
export function revisionService(): K8sService {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { namespace: NAMESPACE, name: REVISION },
    spec: { ports: [{ name: SERVICE_PORT_NAME_HTTP1, port: 80, targetPort: 8012 }] },
  };
}

/** A knot-class Ingress sending every request for HOST to the revision, as the Route writes it. */
export function ingress(): Ingress {
  return {
    apiVersion: 'networking.internal.knative.dev/v1alpha1',
    kind: 'Ingress',
    metadata: { namespace: NAMESPACE, name: 'hello', annotations: { [INGRESS_CLASS_ANNOTATION_KEY]: KNOT_INGRESS_CLASS } },
    spec: {
      rules: [
        {
          hosts: [HOST],
          visibility: 'ExternalIP',
          http: { paths: [{ splits: [{ serviceNamespace: NAMESPACE, serviceName: REVISION, servicePort: 80, percent: 100, appendHeaders: { ...REVISION_HEADERS } }] }] },
        },
      ],
    },
  };
}

/**
 * The queue-proxy environment the revision reconciler would write for the
 * revision (containerConcurrency 0, timeoutSeconds 300): what both
 * queue-proxies get, so they run under the same contract. knot's reads only
 * USER_PORT of its ports, the others being injected.
 */
export function queueProxyEnv(opts: { servingPort: number; tlsPort: number; userPort: number }): Record<string, string> {
  return {
    CONTAINER_CONCURRENCY: String(revision().spec.containerConcurrency ?? 0),
    QUEUE_SERVING_PORT: String(opts.servingPort),
    QUEUE_SERVING_TLS_PORT: String(opts.tlsPort),
    USER_PORT: String(opts.userPort),
    REVISION_TIMEOUT_SECONDS: String(revision().spec.timeoutSeconds ?? 300),
    SERVING_LOGGING_CONFIG: '',
    SERVING_LOGGING_LEVEL: 'warn',
    SERVING_NAMESPACE: NAMESPACE,
    SERVING_SERVICE: 'hello',
    SERVING_CONFIGURATION: 'hello',
    SERVING_REVISION: REVISION,
    SERVING_POD: `${REVISION}-deployment-bench`,
    SERVING_POD_IP: '127.0.0.1',
  };
}

/** What the activator reads: the Revision and its private Endpoints. */
export async function writeActivatorObjects(client: Client, queueProxyPort: number): Promise<void> {
  await client.create(serving.revisions, revision());
  await client.create(core.endpoints, podEndpoints(childName(REVISION, '-private'), queueProxyPort));
}

/** What the gateway reads: the Ingress, the revision's Service and its Endpoints. */
export async function writeGatewayObjects(client: Client, queueProxyPort: number): Promise<void> {
  await client.create(core.services, revisionService());
  await client.create(core.endpoints, podEndpoints(REVISION, queueProxyPort));
  await client.create(networking.ingresses, ingress());
}
