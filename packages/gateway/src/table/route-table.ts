// The immutable routing table: built from every programmed Ingress, swapped whole on change, read per request.
import type { IncomingHttpHeaders } from 'node:http';
import type { BackendPool } from '../backends/backend-pool.js';
import type { CompiledPath, CompiledRule, CompiledSplit, HostEntry, Listener } from './compile-ingress.js';

export class RouteTable {
  static readonly EMPTY = new RouteTable([]);

  readonly #external = new Map<string, CompiledRule>();
  readonly #internal = new Map<string, CompiledRule>();
  /** Every backend a rule names. */
  readonly pools: ReadonlySet<BackendPool>;
  /** How many Ingresses the table serves. */
  readonly ingressCount: number;

  /** `entries` in priority order: the first rule claiming a host keeps it. */
  constructor(entries: Iterable<HostEntry>) {
    const pools = new Set<BackendPool>();
    const ingresses = new Set<string>();
    for (const e of entries) {
      ingresses.add(e.rule.ingress);
      const map = e.listener === 'external' ? this.#external : this.#internal;
      if (!map.has(e.host)) map.set(e.host, e.rule);
      for (const p of e.rule.paths) for (const s of p.splits) pools.add(s.pool);
    }
    this.pools = pools;
    this.ingressCount = ingresses.size;
  }

  /** The rule serving a normalized host on a listener. */
  rule(listener: Listener, host: string): CompiledRule | undefined {
    return (listener === 'external' ? this.#external : this.#internal).get(host);
  }

  hosts(listener: Listener): string[] {
    return [...(listener === 'external' ? this.#external : this.#internal).keys()];
  }
}

/** The rule's first path whose prefix and header matches the request, as Knative's ingresses pick one. */
export function matchPath(rule: CompiledRule, path: string, headers: IncomingHttpHeaders): CompiledPath | undefined {
  for (const p of rule.paths) {
    if (p.prefix !== '' && !path.startsWith(p.prefix)) continue;
    if (p.headers.length > 0 && !headersMatch(p, headers)) continue;
    return p;
  }
  return undefined;
}

function headersMatch(p: CompiledPath, headers: IncomingHttpHeaders): boolean {
  for (const [name, value] of p.headers) {
    const got = headers[name];
    if (Array.isArray(got) ? !got.includes(value) : got !== value) return false;
  }
  return true;
}

/** The split for a draw in [0, 1), weighted by percent. */
export function pickSplit(p: CompiledPath, draw: number): CompiledSplit {
  const splits = p.splits;
  if (splits.length === 1) return splits[0] as CompiledSplit;
  const x = draw * p.total;
  for (const s of splits) if (x < s.upTo) return s;
  return splits[splits.length - 1] as CompiledSplit;
}
