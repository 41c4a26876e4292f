// The request paths measured side by side, and the hops whose added latency
// the report derives from them.

export type PathId = 'direct' | 'knot-queue-proxy' | 'knative-queue-proxy' | 'knot-activator' | 'knot-gateway';
/** A process the bench starts; the knot ones are the components whose memory is reported. */
export type ProcessName = 'app' | 'queue-proxy' | 'knative-queue-proxy' | 'activator' | 'gateway';

export interface PathSpec {
  readonly id: PathId;
  readonly label: string;
  /** The processes a request crosses before the app, first to last. */
  readonly via: readonly ProcessName[];
}

/** The queue-proxy the activator and the gateway send to: knot's, or Knative's while knot's is not there. */
export type QueueProxyBehind = 'queue-proxy' | 'knative-queue-proxy';

const behindLabel = (behind: QueueProxyBehind) => (behind === 'queue-proxy' ? 'queue-proxy' : "Knative's queue-proxy");
const behindPath = (behind: QueueProxyBehind): PathId => (behind === 'queue-proxy' ? 'knot-queue-proxy' : 'knative-queue-proxy');

export function pathSpecs(behind: QueueProxyBehind = 'queue-proxy'): PathSpec[] {
  return [
    { id: 'direct', label: 'direct to the app', via: [] },
    { id: 'knot-queue-proxy', label: 'knot queue-proxy', via: ['queue-proxy'] },
    { id: 'knative-queue-proxy', label: "Knative's queue-proxy (Go)", via: ['knative-queue-proxy'] },
    { id: 'knot-activator', label: `knot activator + ${behindLabel(behind)}`, via: ['activator', behind] },
    { id: 'knot-gateway', label: `knot gateway + ${behindLabel(behind)}`, via: ['gateway', behind] },
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

export function hopSpecs(behind: QueueProxyBehind = 'queue-proxy'): HopSpec[] {
  return [
    { hop: 'queue-proxy', path: 'knot-queue-proxy', base: 'direct', knot: true },
    { hop: 'activator', path: 'knot-activator', base: behindPath(behind), knot: true },
    { hop: 'gateway', path: 'knot-gateway', base: behindPath(behind), knot: true },
    { hop: 'knative-queue-proxy', path: 'knative-queue-proxy', base: 'direct', knot: false },
  ];
}

/** knot's data-plane components, whose idle memory has a target. */
export const KNOT_COMPONENTS: readonly ProcessName[] = ['queue-proxy', 'activator', 'gateway'];
