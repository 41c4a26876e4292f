// The request paths measured side by side, and the hops whose added latency
// the report derives from them.

export type PathId = 'direct' | 'knot-queue-proxy' | 'knative-queue-proxy' | 'knot-activator' | 'knot-gateway';
/** A process the bench starts; the memory of each is reported. */
export type ProcessName = 'app' | 'queue-proxy' | 'knative-queue-proxy' | 'activator' | 'gateway';

export interface PathSpec {
  readonly id: PathId;
  readonly label: string;
  /** The processes a request crosses before the app, first to last. */
  readonly via: readonly ProcessName[];
}

/** The activator and the gateway send to knot's queue-proxy, as in a cluster. */
export function pathSpecs(): PathSpec[] {
  return [
    { id: 'direct', label: 'direct to the app', via: [] },
    { id: 'knot-queue-proxy', label: 'knot queue-proxy', via: ['queue-proxy'] },
    { id: 'knative-queue-proxy', label: "Knative's queue-proxy (Go)", via: ['knative-queue-proxy'] },
    { id: 'knot-activator', label: 'knot activator + knot queue-proxy', via: ['activator', 'queue-proxy'] },
    { id: 'knot-gateway', label: 'knot gateway + knot queue-proxy', via: ['gateway', 'queue-proxy'] },
  ];
}

export interface HopSpec {
  readonly hop: ProcessName;
  /** The hop's added latency is `path` minus `base`, measured in the same run. */
  readonly path: PathId;
  readonly base: PathId;
  /** A knot component, held to QUALITY.md's per-hop targets; Knative's is shown for reference. */
  readonly knot: boolean;
}

export function hopSpecs(): HopSpec[] {
  return [
    { hop: 'queue-proxy', path: 'knot-queue-proxy', base: 'direct', knot: true },
    { hop: 'activator', path: 'knot-activator', base: 'knot-queue-proxy', knot: true },
    { hop: 'gateway', path: 'knot-gateway', base: 'knot-queue-proxy', knot: true },
    { hop: 'knative-queue-proxy', path: 'knative-queue-proxy', base: 'direct', knot: false },
  ];
}
