import { array, bool, describe, int32, int64, intOrString, keyedList, object, openObject, str, stringMap, strings } from '../builders.js';
import type { SchemaProps } from '../schema-props.js';

// The PodSpec subset a Revision accepts, as Knative types it: the fields users
// set most are typed, the bulky core structures are kept as open objects, and
// the fields Knative does not allow are left out, so the API server prunes them.

const tcpPort = intOrString('Port number or name.');

const probe = (description: string): SchemaProps =>
  object(description, {
    exec: object('Runs a command in the container; exit status 0 is success.', {
      command: strings('The command and its arguments; not run in a shell.'),
    }),
    httpGet: object('Sends an HTTP GET; a 2xx or 3xx response is success.', {
      host: str('Host name to connect to; defaults to the pod IP.'),
      path: str('Path of the request.'),
      port: describe(tcpPort, 'Port to call; defaults to the serving port.'),
      scheme: str('`HTTP` (the default) or `HTTPS`.'),
      httpHeaders: array(
        'Headers added to the request.',
        object('One header.', { name: str('Header name.'), value: str('Header value.') }, ['name', 'value']),
      ),
    }),
    tcpSocket: object('Opens a TCP connection; success when it connects.', {
      host: str('Host name to connect to; defaults to the pod IP.'),
      port: describe(tcpPort, 'Port to connect to; defaults to the serving port.'),
    }),
    grpc: object('Calls the gRPC health checking protocol.', {
      port: int32('Port to call.'),
      service: str('Service name sent in the HealthCheckRequest.'),
    }),
    initialDelaySeconds: int32('Seconds after the container starts before the first probe.'),
    timeoutSeconds: int32('Seconds after which one probe times out.'),
    periodSeconds: int32('Seconds between probes; 0 on a readiness probe means probe aggressively until ready.'),
    successThreshold: int32('Consecutive successes after a failure needed to count as success.'),
    failureThreshold: int32('Consecutive failures needed to count as failure.'),
  });

const container: SchemaProps = object('A container of the revision, a subset of a Kubernetes Container.', {
  name: str('Name of the container; required when there are several.'),
  image: str('The container image; resolved to a digest when the revision is created.'),
  command: strings("Entrypoint; replaces the image's ENTRYPOINT."),
  args: strings("Arguments to the entrypoint; replace the image's CMD."),
  workingDir: str('Working directory of the command.'),
  env: keyedList(
    'Environment variables set in the container.',
    object(
      'One environment variable.',
      {
        name: str('Name of the variable.'),
        value: str('Value of the variable; `$(VAR)` references are expanded.'),
        valueFrom: openObject('Where the value comes from: a ConfigMap key, a Secret key, a field or a resource.'),
      },
      ['name'],
    ),
    'name',
  ),
  envFrom: array('Sources whose keys all become environment variables.', openObject('A ConfigMap or Secret to import.')),
  ports: array(
    'The one port the container serves on; its name selects the protocol (`http1` or `h2c`).',
    object('A container port.', {
      name: str('`http1` or `h2c`.'),
      containerPort: int32('The port the container listens on; exported as `$PORT`.'),
      protocol: str('`TCP`, the only protocol supported.'),
    }),
  ),
  resources: object('Compute resources of the container.', {
    limits: { ...stringMap('Maximum amount of each resource.'), additionalProperties: intOrString('A resource quantity.') },
    requests: { ...stringMap('Minimum amount of each resource.'), additionalProperties: intOrString('A resource quantity.') },
  }),
  livenessProbe: probe('Restarts the container when it fails.'),
  readinessProbe: probe('Takes the pod out of the routing when it fails.'),
  startupProbe: probe('Delays the other probes until it succeeds.'),
  securityContext: openObject('Security options of the container.'),
  imagePullPolicy: str('`Always`, `Never` or `IfNotPresent`.'),
  terminationMessagePath: str('File whose content becomes the termination message.'),
  terminationMessagePolicy: str('`File` or `FallbackToLogsOnError`.'),
  volumeMounts: keyedList(
    'Volumes mounted in the container.',
    object(
      'One volume mount.',
      {
        name: str('Name of the volume.'),
        mountPath: str('Where the volume is mounted in the container.'),
        readOnly: bool('Mounts the volume read-only.'),
        subPath: str('Path within the volume to mount instead of its root.'),
        mountPropagation: str('How mounts propagate between host and container.'),
      },
      ['name', 'mountPath'],
    ),
    'mountPath',
  ),
});

const volume: SchemaProps = object(
  'A volume of the pod; exactly one source is set.',
  {
    name: str('Name of the volume, used by volume mounts.'),
    configMap: openObject('A ConfigMap projected into files.'),
    secret: openObject('A Secret projected into files.'),
    projected: openObject('Several sources projected into one directory.'),
    emptyDir: openObject('A scratch directory that lives as long as the pod.'),
    persistentVolumeClaim: openObject('A PersistentVolumeClaim in the same namespace.'),
    csi: openObject('A volume from a CSI driver.'),
    ephemeral: openObject('A volume provisioned for the pod and deleted with it.'),
    hostPath: openObject('A file or directory of the node.'),
    image: openObject('The content of an OCI image.'),
  },
  ['name'],
);

const featureGated = (what: string): string => `${what} Allowed when the matching \`kubernetes.podspec-*\` feature is enabled.`;

/** The spec of a Revision: Knative's PodSpec subset plus the serving fields (serving.knative.dev/v1 RevisionSpec). */
export const revisionSpec: SchemaProps = object(
  'The desired state of a revision: the pod to run and how requests reach it.',
  {
    containers: array('The containers of the pod; exactly one of them serves requests.', container),
    volumes: keyedList('Volumes the containers can mount.', volume, 'name'),
    serviceAccountName: str('The service account the pod runs as.'),
    imagePullSecrets: array(
      'Secrets used to pull the images.',
      object('A reference to a Secret in the same namespace.', { name: str('Name of the Secret.') }),
    ),
    enableServiceLinks: bool('Injects environment variables for the Services of the namespace.'),
    automountServiceAccountToken: bool("Mounts the service account's API token."),
    containerConcurrency: int64('Maximum number of requests in flight per pod; 0 means no limit.'),
    timeoutSeconds: int64('Maximum seconds a request may take before it gets an error response.'),
    responseStartTimeoutSeconds: int64('Maximum seconds to wait for the first byte of a response.'),
    idleTimeoutSeconds: int64('Maximum seconds a request may go without receiving any byte of the response.'),
    initContainers: array(featureGated('Containers run before the main ones.'), openObject('An init container.')),
    affinity: openObject(featureGated('Scheduling constraints.')),
    nodeSelector: { ...stringMap(featureGated('Node labels the pod must be scheduled on.')), 'x-kubernetes-map-type': 'atomic' },
    tolerations: array(featureGated('Taints the pod tolerates.'), openObject('A toleration.')),
    topologySpreadConstraints: array(featureGated('How pods spread across topology domains.'), openObject('A spread constraint.')),
    securityContext: openObject(featureGated('Pod-level security options.')),
    priorityClassName: str(featureGated('The priority class of the pod.')),
    runtimeClassName: str(featureGated('The runtime class of the pod.')),
    schedulerName: str(featureGated('The scheduler that places the pod.')),
    dnsPolicy: str(featureGated('The DNS policy of the pod.')),
    dnsConfig: openObject(featureGated('DNS options of the pod.')),
    hostAliases: array(featureGated('Entries added to /etc/hosts.'), openObject('Host names for one IP.')),
    hostNetwork: bool(featureGated("Uses the node's network namespace.")),
    hostPID: bool(featureGated("Uses the node's PID namespace.")),
    hostIPC: bool(featureGated("Uses the node's IPC namespace.")),
    shareProcessNamespace: bool(featureGated('Shares one PID namespace between the containers.')),
  },
  ['containers'],
);

/** The metadata a template may set on the revisions it stamps out. */
const templateMetadata: SchemaProps = {
  ...object('Labels and annotations of the revisions; a name picks the name of the next revision.', {
    name: str('Name of the next revision; must start with the parent name followed by a dash.'),
    namespace: str('Namespace; must match the parent.'),
    labels: stringMap('Labels copied to the revision.'),
    annotations: stringMap('Annotations copied to the revision, such as autoscaling settings.'),
    finalizers: strings('Finalizers of the revision.'),
  }),
  'x-kubernetes-preserve-unknown-fields': true,
};

/** A revision template (serving.knative.dev/v1 RevisionTemplateSpec). */
export const revisionTemplate: SchemaProps = object('The template every new revision is stamped from.', {
  metadata: templateMetadata,
  spec: revisionSpec,
});
