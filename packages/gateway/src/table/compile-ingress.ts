// One Ingress's rules in the shape the request path reads: hosts keyed per listener, headers pre-lowered, splits cumulative.
import type { HTTPIngressPath, Ingress, IngressBackendSplit, IntOrString } from '@knot/api';
import type { BackendPool } from '../backends/backend-pool.js';
import { normalizeHost } from './host.js';

export type Listener = 'external' | 'internal';

export type HeaderPair = readonly [name: string, value: string];

export interface CompiledSplit {
  readonly pool: BackendPool;
  /** The split wins when the request's draw in [0, total) is below this. */
  readonly upTo: number;
  /** The path's and the split's appendHeaders (the split's win), set on the request. */
  readonly setHeaders: readonly HeaderPair[];
  /** Lower-cased names of `setHeaders`: incoming values of these are dropped, not appended to. */
  readonly setNames: ReadonlySet<string>;
}

export interface CompiledPath {
  /** A literal prefix of the request path; '' matches every path. */
  readonly prefix: string;
  /** Lower-cased name and exact value; all must match. */
  readonly headers: readonly HeaderPair[];
  readonly splits: readonly CompiledSplit[];
  /** Sum of the splits' percents. */
  readonly total: number;
  readonly rewriteHost: string | undefined;
  /** Answer with a redirect to https (httpOption Redirected on a public rule). */
  readonly redirect: boolean;
}

export interface CompiledRule {
  /** `namespace/name` of the Ingress, for logs and metrics. */
  readonly ingress: string;
  readonly paths: readonly CompiledPath[];
}

/** One host of one listener and the rule serving it, in the Ingress's rule order. */
export interface HostEntry {
  readonly listener: Listener;
  readonly host: string;
  readonly rule: CompiledRule;
}

export type PoolFor = (namespace: string, name: string, port: IntOrString) => BackendPool;

/**
 * Every (listener, host) the Ingress serves. A public (ExternalIP) rule is
 * served by both listeners and a ClusterLocal one by the internal listener
 * only, as Knative's ingresses do.
 */
export function compileIngress(ingress: Ingress, poolFor: PoolFor): HostEntry[] {
  const key = `${ingress.metadata?.namespace ?? ''}/${ingress.metadata?.name ?? ''}`;
  const entries: HostEntry[] = [];
  for (const rule of ingress.spec?.rules ?? []) {
    const isPublic = (rule.visibility ?? 'ExternalIP') === 'ExternalIP';
    const redirect = isPublic && ingress.spec.httpOption === 'Redirected';
    const paths = (rule.http?.paths ?? []).map((p) => compilePath(p, poolFor, redirect)).filter((p): p is CompiledPath => p !== undefined);
    if (paths.length === 0) continue;
    const compiled: CompiledRule = Object.freeze({ ingress: key, paths: Object.freeze(paths) });
    for (const raw of rule.hosts ?? []) {
      const host = normalizeHost(raw);
      if (!host) continue;
      entries.push({ listener: 'internal', host, rule: compiled });
      if (isPublic) entries.push({ listener: 'external', host, rule: compiled });
    }
  }
  return entries;
}

function compilePath(path: HTTPIngressPath, poolFor: PoolFor, redirect: boolean): CompiledPath | undefined {
  const rawSplits = path.splits ?? [];
  if (rawSplits.length === 0) return undefined;
  let total = 0;
  const splits: CompiledSplit[] = [];
  for (const s of rawSplits) {
    // A lone split without a percent takes everything, as Knative defaults it.
    const percent = s.percent ?? (rawSplits.length === 1 ? 100 : 0);
    if (!(percent > 0)) continue;
    total += percent;
    const setHeaders = mergeHeaders(path.appendHeaders, s.appendHeaders);
    splits.push(Object.freeze({ pool: poolFor(s.serviceNamespace, s.serviceName, servicePortOf(s)), upTo: total, setHeaders, setNames: new Set(setHeaders.map(([n]) => n.toLowerCase())) }));
  }
  if (splits.length === 0) return undefined;
  const prefix = path.path && path.path !== '/' ? path.path : '';
  const headers = Object.entries(path.headers ?? {}).map(([name, match]): HeaderPair => [name.toLowerCase(), match.exact]);
  return Object.freeze({ prefix, headers, splits: Object.freeze(splits), total, rewriteHost: path.rewriteHost || undefined, redirect });
}

/** A numeric string port is the number, as intstr parses it. */
function servicePortOf(split: IngressBackendSplit): IntOrString {
  const port = split.servicePort;
  return typeof port === 'string' && /^\d+$/.test(port) ? Number(port) : port;
}

function mergeHeaders(pathHeaders: Readonly<Record<string, string>> | undefined, splitHeaders: Readonly<Record<string, string>> | undefined): HeaderPair[] {
  const byName = new Map<string, HeaderPair>();
  for (const [name, value] of Object.entries(pathHeaders ?? {})) byName.set(name.toLowerCase(), [name, value]);
  for (const [name, value] of Object.entries(splitHeaders ?? {})) byName.set(name.toLowerCase(), [name, value]);
  return [...byName.values()];
}
