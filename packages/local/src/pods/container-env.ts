// A container's environment as the kubelet would give it, for a child process on this machine.
import type { Container, EnvVar, Pod } from 'kubernetes-types/core/v1.js';

/** The container asks for something local mode cannot give (a Secret or ConfigMap key, a resource field). */
export class ContainerEnvError extends Error {
  override readonly name = 'ContainerEnvError';
  readonly code = 'CreateContainerConfigError';
  readonly variable: string;

  constructor(variable: string, message: string) {
    super(`env ${variable}: ${message}`);
    this.variable = variable;
  }
}

/**
 * The variables of `container` in `pod`, with `$(VAR)` references expanded as
 * Kubernetes does: literal values and downward-API fields (`metadata.name`,
 * `metadata.namespace`, `metadata.uid`, `metadata.labels['k']`,
 * `metadata.annotations['k']`, `spec.nodeName`, `spec.serviceAccountName`,
 * `status.podIP`, `status.hostIP`). `base` (the host's PATH and such) comes
 * first and `overrides` (the local PORT) last. Throws ContainerEnvError for a
 * source local mode cannot read.
 */
export function containerEnv(pod: Pod, container: Container, base: Readonly<Record<string, string>>, overrides: Readonly<Record<string, string>> = {}): Record<string, string> {
  const env: Record<string, string> = { ...base, HOSTNAME: pod.metadata?.name ?? '' };
  const declared: Record<string, string> = {};
  for (const v of container.env ?? []) {
    const value = v.valueFrom ? fromSource(pod, v) : expand(v.value ?? '', declared);
    declared[v.name] = value;
    env[v.name] = value;
  }
  return { ...env, ...overrides };
}

function fromSource(pod: Pod, v: EnvVar): string {
  const ref = v.valueFrom?.fieldRef;
  if (!ref) {
    const kind = Object.keys(v.valueFrom ?? {})[0] ?? 'valueFrom';
    throw new ContainerEnvError(v.name, `${kind} is not supported in local mode; give the value literally`);
  }
  const value = fieldValue(pod, ref.fieldPath);
  if (value === undefined) throw new ContainerEnvError(v.name, `unsupported fieldRef ${JSON.stringify(ref.fieldPath)}`);
  return value;
}

const MAP_FIELD = /^metadata\.(labels|annotations)\['(.+)'\]$/;

function fieldValue(pod: Pod, path: string): string | undefined {
  const meta = pod.metadata;
  switch (path) {
    case 'metadata.name':
      return meta?.name ?? '';
    case 'metadata.namespace':
      return meta?.namespace ?? '';
    case 'metadata.uid':
      return meta?.uid ?? '';
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? 'default';
    case 'status.podIP':
      return pod.status?.podIP ?? '';
    case 'status.hostIP':
      return pod.status?.hostIP ?? '';
  }
  const m = MAP_FIELD.exec(path);
  if (!m) return undefined;
  const map = m[1] === 'labels' ? meta?.labels : meta?.annotations;
  return map?.[m[2] ?? ''] ?? '';
}

/** Kubernetes' `$(VAR)` expansion over earlier variables; `$$` escapes, unknown references stay as written. */
function expand(value: string, vars: Readonly<Record<string, string>>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (match, name: string | undefined) => {
    if (name === undefined) return '$';
    return Object.hasOwn(vars, name) ? (vars[name] ?? '') : match;
  });
}
