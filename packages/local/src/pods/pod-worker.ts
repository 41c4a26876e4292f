// One pod on this machine: its containers, their readiness and the pod's status.
import type { Clock, Logger } from '@knot/runtime';
import type { Container, ContainerStatus, Pod, PodStatus, Probe } from 'kubernetes-types/core/v1.js';
import type { RestartPolicy } from './container-lifecycle.js';
import { containerEnv, ContainerEnvError } from './container-env.js';
import type { ContainerLogs } from './container-logs.js';
import { BlockedContainer, type PodContainer } from './pod-container.js';
import { hostPortOf, podPorts } from './pod-ports.js';
import { podStatus } from './pod-status.js';
import { LOCAL_POD_IP } from './port-allocator.js';
import { ProcessContainer } from './process-container.js';
import type { SpawnProcess } from './process-handle.js';
import { networkCheck, ReadinessProber } from './readiness-prober.js';
import { SidecarContainer, type SidecarFactories } from './sidecar.js';

export interface PodWorkerOptions {
  /** The pod as admitted: every declared port has its host port. */
  readonly pod: Pod;
  /** Variables every process starts with (the host's PATH and such). */
  readonly hostEnv: Readonly<Record<string, string>>;
  readonly sidecars: SidecarFactories;
  readonly spawn: SpawnProcess;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly logsFor: (container: string) => ContainerLogs;
  /** Something in the pod's status may have changed. */
  readonly onChange: () => void;
}

/** Kubernetes' default terminationGracePeriodSeconds. */
const DEFAULT_GRACE_SECONDS = 30;
/** As the kubelet, a process gets at least this long after SIGTERM even when a drain used up the grace period. */
const MIN_KILL_GRACE_MS = 2000;

interface Member {
  readonly container: PodContainer;
  readonly prober: ReadinessProber | undefined;
  readonly sidecar: boolean;
}

/**
 * Runs a pod's containers: ordinary ones as child processes with their
 * command, env and working directory, named sidecars in process. Each has a
 * readiness from its probe (a sidecar's own readiness, an httpGet or
 * tcpSocket probe on its host port) or from running at all.
 */
export class PodWorker {
  readonly pod: Pod;
  readonly #o: PodWorkerOptions;
  readonly #members: Member[];
  readonly #startTime: number;
  readonly #probing = new Set<Member>();
  #stopping: Promise<void> | undefined;

  constructor(opts: PodWorkerOptions) {
    this.#o = opts;
    this.#startTime = opts.clock.now();
    this.pod = { ...opts.pod, status: { ...opts.pod.status, podIP: LOCAL_POD_IP, hostIP: LOCAL_POD_IP } };
    this.#members = this.pod.spec?.containers.map((c) => this.#member(c)) ?? [];
  }

  /** Host ports the pod's containers listen on. */
  get ports(): number[] {
    return podPorts(this.pod.spec).map((p) => p.hostPort);
  }

  start(): void {
    for (const m of this.#members) m.container.start();
  }

  status(previous: PodStatus | undefined): PodStatus {
    const containers: ContainerStatus[] = this.#members.map((m) => ({ ...m.container.status(), ready: m.container.running() && (m.prober?.ready ?? true) }));
    return podStatus({ containers, pending: this.#members.some((m) => !m.container.everStarted()), startTime: this.#startTime, now: this.#o.clock.now(), previous });
  }

  /**
   * Stops the pod within its grace period: sidecars drain first (a queue-proxy
   * finishes its requests, as the user container's preStop waits for it), then
   * every process gets SIGTERM and, when the grace period is over, SIGKILL.
   */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      const graceMs = 1000 * (this.pod.metadata?.deletionGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS);
      const deadline = this.#o.clock.now() + graceMs;
      for (const m of this.#members) m.prober?.stop();
      await Promise.all(this.#members.filter((m) => m.sidecar).map((m) => m.container.stop(graceMs)));
      const left = Math.max(MIN_KILL_GRACE_MS, deadline - this.#o.clock.now());
      await Promise.all(this.#members.filter((m) => !m.sidecar).map((m) => m.container.stop(left)));
    })();
    return this.#stopping;
  }

  #member(c: Container): Member {
    const { pod } = this;
    const meta = pod.metadata;
    const podRef = `${meta?.name ?? ''}_${meta?.namespace ?? ''}(${meta?.uid ?? ''})`;
    const restartPolicy = (pod.spec?.restartPolicy ?? 'Always') as RestartPolicy;
    const logger = this.#o.logger.child({ container: c.name });
    const logs = this.#o.logsFor(c.name);
    const image = c.image ?? '';
    let member: Member | undefined;
    const onChange = () => {
      if (member) this.#follow(member);
      this.#o.onChange();
    };
    const firstPort = c.ports?.[0]?.hostPort;
    let env: Record<string, string>;
    try {
      env = containerEnv(pod, c, this.#o.hostEnv, firstPort !== undefined ? { PORT: String(firstPort) } : {});
    } catch (err) {
      if (!(err instanceof ContainerEnvError)) throw err;
      return { container: new BlockedContainer(c.name, image, err.code, err.message), prober: undefined, sidecar: false };
    }
    const factory = this.#o.sidecars[c.name];
    if (factory) {
      const sidecar = new SidecarContainer({ factory, context: { pod, container: c, env, clock: this.#o.clock, logger, logs }, restartPolicy, podRef, onChange });
      member = { container: sidecar, prober: new ReadinessProber(() => sidecar.ready(), c.readinessProbe, this.#o.clock, onChange), sidecar: true };
      return member;
    }
    if (!c.command?.length) {
      const message = `local mode runs a container's command as a process and does not run images: give container "${c.name}" a command (and args) that starts it on this machine${image ? ` instead of image "${image}"` : ''}`;
      return { container: new BlockedContainer(c.name, image, 'CommandRequired', message), prober: undefined, sidecar: false };
    }
    const [command, ...rest] = c.command;
    const container = new ProcessContainer({
      name: c.name,
      image,
      argv: [command ?? '', ...rest, ...(c.args ?? [])],
      env,
      ...(c.workingDir ? { workingDir: c.workingDir } : {}),
      restartPolicy,
      fallbackToLogsOnError: c.terminationMessagePolicy === 'FallbackToLogsOnError',
      podRef,
      spawn: this.#o.spawn,
      clock: this.#o.clock,
      logger,
      logs,
      onChange,
    });
    const check = c.readinessProbe ? probeCheck(c.readinessProbe, pod, c, this.#o.clock) : undefined;
    member = { container, prober: check ? new ReadinessProber(check, c.readinessProbe, this.#o.clock, onChange) : undefined, sidecar: false };
    return member;
  }

  /** Probing runs while the container runs and starts over with each run. */
  #follow(m: Member): void {
    if (!m.prober || this.#stopping) return;
    const running = m.container.running();
    if (running && !this.#probing.has(m)) {
      this.#probing.add(m);
      m.prober.start();
    } else if (!running && this.#probing.has(m)) {
      this.#probing.delete(m);
      m.prober.stop();
    }
  }
}

function probeCheck(probe: Probe, pod: Pod, c: Container, clock: Clock) {
  const port = probe.httpGet?.port ?? probe.tcpSocket?.port;
  if (port === undefined) return undefined;
  const hostPort = typeof port === 'number' ? (hostPortOf(pod.spec, port, c.name) ?? port) : c.ports?.find((p) => p.name === port)?.hostPort;
  if (hostPort === undefined) return undefined;
  return networkCheck(probe, LOCAL_POD_IP, hostPort, clock);
}
