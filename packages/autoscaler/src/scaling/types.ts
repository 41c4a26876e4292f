// The boundary between the scaling side (algorithm, windows, metric collection,
// the multi-scaler that ticks every decider) and the PodAutoscaler reconciler.
// Plain data only, so a decision can be recorded and compared with Knative's.

/** `namespace/name` of a revision (and of its PodAutoscaler, Metric and Decider). */
export type RevisionKey = string;

/** What a PodAutoscaler asks of the KPA algorithm (Knative's DeciderSpec). */
export interface DeciderSpec {
  /** Max scale-up rate: desired ≤ ceil(rate × ready). */
  readonly maxScaleUpRate: number;
  /** Max scale-down rate: desired ≥ floor(ready / rate). */
  readonly maxScaleDownRate: number;
  /** `concurrency` or `rps`. */
  readonly scalingMetric: 'concurrency' | 'rps';
  /** What one pod can take in total (containerConcurrency, or 100 / 200 rps). */
  readonly totalValue: number;
  /** The per-pod target after utilization: max(0.01, total × utilization). */
  readonly targetValue: number;
  /** -1: activator always in the path; 0: only at zero. */
  readonly targetBurstCapacity: number;
  /** Requests one activator can take (config-autoscaler activator-capacity). */
  readonly activatorCapacity: number;
  /** Panic when ceil(panicAvg/target)/ready reaches this ratio (200% is 2). */
  readonly panicThreshold: number;
  readonly stableWindowMs: number;
  readonly panicWindowMs: number;
  /** Hold scale-downs for this long (max over the trailing delay). */
  readonly scaleDownDelayMs: number;
  /** Pods to start with before the revision is first ready. */
  readonly initialScale: number;
  /** False when no route sends traffic to the revision: scale-down is not rate limited then. */
  readonly reachable: boolean;
}

/** What the KPA decided for one revision on its last tick (Knative's DeciderStatus, plus the panic state). */
export interface DeciderStatus {
  /** Pods wanted; -1 before the first decision. */
  readonly desiredScale: number;
  /** floor(ready × total − TBC − panicAvg); negative means the activator must stay in the path. */
  readonly excessBurstCapacity: number;
  /** Activators to put in the path: max(2, ceil((ready × total + TBC) / activatorCapacity)). */
  readonly numActivators: number;
  readonly inPanic: boolean;
}

export interface Decider {
  readonly key: RevisionKey;
  readonly spec: DeciderSpec;
  readonly status: DeciderStatus;
}

/**
 * Runs one KPA per revision every tick (2 s) on an injected clock. The
 * PodAutoscaler reconciler creates, updates and deletes deciders and reads
 * their status; `onChange` is told when a decider's status changed, so the
 * reconciler can re-queue that PodAutoscaler.
 */
export interface MultiScaler {
  /** Creates or updates the decider for `key`, keeping its windows and panic state. */
  update(key: RevisionKey, spec: DeciderSpec): Decider;
  get(key: RevisionKey): Decider | undefined;
  delete(key: RevisionKey): void;
  /** Called with the key whenever a decider's status changes (including a poke from the activator). */
  onChange(listener: (key: RevisionKey) => void): void;
}

/** How the multi-scaler learns a revision's ready pods at each tick (start() wires it to the private Endpoints lister). */
export type ReadyPodCounter = (key: RevisionKey) => number;
