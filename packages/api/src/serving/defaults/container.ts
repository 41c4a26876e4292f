// Per-container defaults of a revision: resources from config, the serving container's
// readiness probe, read-only mounts and, with secure-pod-defaults, a hardened security context.
import type { ConfigDefaults } from '../../config/config-defaults.js';
import type { ConfigFeatures } from '../../config/config-features.js';
import type { Draft } from './context.js';
import { draftAt, drafts, existing, isDraft, unset } from './context.js';

const HANDLERS = ['tcpSocket', 'httpGet', 'exec', 'grpc'];
const WRITABLE_SOURCES = ['emptyDir', 'persistentVolumeClaim', 'ephemeral'];

function resourceDefaults(d: ConfigDefaults): readonly (readonly [string, string | undefined, string | undefined])[] {
  return [
    ['cpu', d.revisionCpuRequest, d.revisionCpuLimit],
    ['memory', d.revisionMemoryRequest, d.revisionMemoryLimit],
    ['ephemeral-storage', d.revisionEphemeralStorageRequest, d.revisionEphemeralStorageLimit],
  ];
}

function setResources(container: Draft, d: ConfigDefaults): void {
  const resources = draftAt(container, 'resources');
  if (!resources) return;
  for (const [name, request, limit] of resourceDefaults(d)) {
    for (const [kind, value] of [['requests', request], ['limits', limit]] as const) {
      if (value === undefined) continue;
      const list = draftAt(resources, kind);
      if (list && unset(list, name)) list[name] = value;
    }
  }
}

/** The serving container always gets a readiness probe: TCP on its port (port 0 means the serving port). */
function setServingReadinessProbe(container: Draft): void {
  const probe = draftAt(container, 'readinessProbe');
  if (probe && HANDLERS.every((h) => unset(probe, h))) probe.tcpSocket = { port: 0 };
}

function setProbeDefaults(container: Draft): void {
  const probe = existing(container, 'readinessProbe');
  if (probe) {
    if (unset(probe, 'successThreshold') || probe.successThreshold === 0) probe.successThreshold = 1;
    // Kubernetes' own defaults, applied only when a period is set (no period: queue-proxy's aggressive probing).
    if (typeof probe.periodSeconds === 'number' && probe.periodSeconds !== 0) {
      if (unset(probe, 'failureThreshold') || probe.failureThreshold === 0) probe.failureThreshold = 3;
      if (unset(probe, 'timeoutSeconds') || probe.timeoutSeconds === 0) probe.timeoutSeconds = 1;
    }
  }
  for (const key of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
    const grpc = existing(existing(container, key) ?? {}, 'grpc');
    if (grpc && unset(grpc, 'service')) grpc.service = '';
  }
}

/** Mounts of anything but scratch or claim volumes are read-only. */
function setReadOnlyMounts(container: Draft, spec: Draft): void {
  const writable = new Set(
    drafts(spec, 'volumes')
      .filter((v) => WRITABLE_SOURCES.some((s) => !unset(v, s)))
      .map((v) => v.name),
  );
  for (const mount of drafts(container, 'volumeMounts')) if (!writable.has(mount.name)) mount.readOnly = true;
}

export function setContainerDefaults(container: Draft, spec: Draft, servingContainer: boolean, d: ConfigDefaults): void {
  setResources(container, d);
  if (servingContainer) setServingReadinessProbe(container);
  setProbeDefaults(container);
  setReadOnlyMounts(container, spec);
}

/** secure-pod-defaults: no privilege escalation, RuntimeDefault seccomp, all capabilities dropped, and (Enabled) non-root. */
export function setSecurityDefaults(container: Draft, spec: Draft, features: ConfigFeatures): void {
  const mode = features.securePodDefaults;
  if (mode !== 'Enabled' && mode !== 'AllowRootBounded') return;
  const pod = existing(spec, 'securityContext') ?? {};
  if (!unset(container, 'securityContext') && !isDraft(container.securityContext)) return;
  const sc: Draft = existing(container, 'securityContext') ?? {};
  if (unset(sc, 'allowPrivilegeEscalation')) sc.allowPrivilegeEscalation = false;
  const podSeccomp = existing(pod, 'seccompProfile');
  if (!podSeccomp || !podSeccomp.type) {
    const seccomp = draftAt(sc, 'seccompProfile');
    if (seccomp && !seccomp.type) seccomp.type = 'RuntimeDefault';
  }
  if (unset(sc, 'capabilities')) {
    const lowPort = drafts(container, 'ports').some((p) => typeof p.containerPort === 'number' && p.containerPort < 1024);
    sc.capabilities = lowPort ? { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } : { drop: ['ALL'] };
  }
  if (mode === 'Enabled' && unset(pod, 'runAsNonRoot') && unset(sc, 'runAsNonRoot')) sc.runAsNonRoot = true;
  if (Object.keys(sc).length > 0) container.securityContext = sc;
}
