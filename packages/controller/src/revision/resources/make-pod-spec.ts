// The pod of a revision: the user's containers adapted to the runtime contract, plus queue-proxy (Knative 1.18's resources/deploy.go).
import { CONFIGURATION_LABEL_KEY, QUEUE_ADMIN_PORT, REVISION_LABEL_KEY, runtimeClassNameFor, SERVICE_LABEL_KEY, USER_PORT_NAME, WAIT_FOR_DRAIN_PATH, type Revision } from '@knot/api';
import type { Container, EnvVar, PodSpec, Volume, VolumeMount } from 'kubernetes-types/core/v1.js';
import { makeQueueContainer, type RevisionBuildContext } from './make-queue-container.js';
import { userPort } from './revision-meta.js';

const PODINFO_ANNOTATION = 'features.knative.dev/queueproxy-podinfo';
const TOKEN_DIRECTORY = '/var/run/secrets/tokens';
const TOKEN_EXPIRATION_SECONDS = 3600;

export function makePodSpec(rev: Revision, ctx: RevisionBuildContext): PodSpec {
  const { config } = ctx;
  const queue = makeQueueContainer(rev, ctx);
  const extraVolumes: Volume[] = [];
  const mounts: VolumeMount[] = [];

  const podInfo = config.features.queueProxyMountPodInfo;
  if (podInfo === 'Enabled' || (podInfo === 'Allowed' && rev.metadata?.annotations?.[PODINFO_ANNOTATION]?.toLowerCase() === 'enabled')) {
    mounts.push({ name: 'pod-info', mountPath: '/etc/podinfo', readOnly: true });
    extraVolumes.push({ name: 'pod-info', downwardAPI: { items: [{ path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } }] } });
  }
  const audiences = [...config.deployment.queueSidecarTokenAudiences].filter((a) => a !== '').sort();
  if (audiences.length > 0) {
    mounts.push({ name: 'knative-token-volume', mountPath: TOKEN_DIRECTORY });
    extraVolumes.push({
      name: 'knative-token-volume',
      projected: { sources: audiences.map((aud) => ({ serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: aud, audience: aud } })) },
    });
  }
  if (mounts.length > 0) queue.volumeMounts = mounts;

  const { containerConcurrency: _cc, timeoutSeconds, responseStartTimeoutSeconds: _rs, idleTimeoutSeconds: _it, ...podSpec } = structuredClone(rev.spec);
  const pod: PodSpec = { ...podSpec, containers: [...userContainers(rev), queue] };
  // Requests get up to timeoutSeconds to finish after SIGTERM.
  if (timeoutSeconds !== undefined) pod.terminationGracePeriodSeconds = timeoutSeconds;
  if (pod.enableServiceLinks === undefined && config.defaults.enableServiceLinks !== undefined) pod.enableServiceLinks = config.defaults.enableServiceLinks;
  if (extraVolumes.length > 0) pod.volumes = [...(pod.volumes ?? []), ...extraVolumes];
  pod.runtimeClassName ??= runtimeClassNameFor(config.deployment, rev.metadata?.labels);
  if (pod.runtimeClassName === undefined) delete pod.runtimeClassName;
  if (config.deployment.defaultAffinityType === 'prefer-spread-revision-over-nodes' && !rev.spec.affinity) {
    pod.affinity = {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { [REVISION_LABEL_KEY]: rev.metadata?.name ?? '' } } } },
        ],
      },
    };
  }
  return pod;
}

/** The revision's containers as they run: the serving one gets the user port and PORT; all get K_* env and the drain hook. */
export function userContainers(rev: Revision): Container[] {
  const containers = rev.spec.containers ?? [];
  return containers.map((c, i) => {
    const container = (c.ports?.length ?? 0) > 0 || containers.length === 1 ? servingContainer(c, rev) : sidecar(c, rev);
    const digest = rev.status?.containerStatuses?.[i]?.imageDigest;
    if (digest) container.image = digest;
    return container;
  });
}

function servingContainer(c: Container, rev: Revision): Container {
  const port = userPort(rev);
  // Validation allows one port at most; its name (the protocol) is dropped for the contract's name.
  const container = sidecar({ ...c, ports: [{ name: USER_PORT_NAME, containerPort: port }], env: [...(c.env ?? []), { name: 'PORT', value: String(port) }] }, rev);
  const live = container.livenessProbe;
  if (live?.httpGet) live.httpGet.port = port;
  else if (live?.tcpSocket) live.tcpSocket.port = port;
  return container;
}

function sidecar(c: Container, rev: Revision): Container {
  const { stdin: _stdin, tty: _tty, ...container } = structuredClone(c);
  container.lifecycle = { preStop: { httpGet: { port: QUEUE_ADMIN_PORT, path: WAIT_FOR_DRAIN_PATH } } };
  container.env = [...(container.env ?? []), ...knativeEnv(rev)];
  container.terminationMessagePolicy ||= 'FallbackToLogsOnError';
  // queue-proxy runs HTTP, TCP and gRPC readiness probes itself; the kubelet keeps only exec probes.
  const probe = container.readinessProbe;
  if (probe && (probe.httpGet || probe.tcpSocket || probe.grpc)) delete container.readinessProbe;
  return container;
}

function knativeEnv(rev: Revision): EnvVar[] {
  const labels = rev.metadata?.labels ?? {};
  // An empty value is left out, as the API server stores it.
  const env = (name: string, value = ''): EnvVar => (value === '' ? { name } : { name, value });
  return [env('K_REVISION', rev.metadata?.name), env('K_CONFIGURATION', labels[CONFIGURATION_LABEL_KEY]), env('K_SERVICE', labels[SERVICE_LABEL_KEY])];
}
