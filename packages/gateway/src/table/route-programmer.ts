// Keeps each programmed Ingress's compiled hosts and swaps in a freshly built table on every change.
import type { Ingress } from '@knot/api';
import type { EndpointResolver } from '../backends/endpoint-resolver.js';
import { compileIngress, type HostEntry } from './compile-ingress.js';
import { RouteTable } from './route-table.js';

interface Programmed {
  readonly created: string;
  readonly entries: readonly HostEntry[];
}

/**
 * The only writer of the table. Readers take `table` once per request and
 * keep that snapshot, so a swap never changes a request's view midway.
 */
export class RouteProgrammer {
  readonly #resolver: EndpointResolver;
  readonly #ingresses = new Map<string, Programmed>();
  #table: RouteTable = RouteTable.EMPTY;
  readonly #onSwap: ((table: RouteTable) => void) | undefined;

  constructor(resolver: EndpointResolver, onSwap?: (table: RouteTable) => void) {
    this.#resolver = resolver;
    this.#onSwap = onSwap;
  }

  get table(): RouteTable {
    return this.#table;
  }

  /** Compiles the Ingress and makes it live; returns its entries. */
  program(ingress: Ingress): readonly HostEntry[] {
    const key = `${ingress.metadata?.namespace ?? ''}/${ingress.metadata?.name ?? ''}`;
    const entries = compileIngress(ingress, (ns, name, port) => this.#resolver.pool(ns, name, port));
    this.#ingresses.set(key, { created: ingress.metadata?.creationTimestamp ?? '', entries });
    this.#rebuild();
    return entries;
  }

  /** Takes an Ingress (`namespace/name`) out of the table. */
  remove(key: string): void {
    if (this.#ingresses.delete(key)) this.#rebuild();
  }

  has(key: string): boolean {
    return this.#ingresses.has(key);
  }

  #rebuild(): void {
    // The oldest Ingress keeps a host two of them claim; the key breaks ties so the order never depends on arrival.
    const order = [...this.#ingresses].sort(([ka, a], [kb, b]) => (a.created < b.created ? -1 : a.created > b.created ? 1 : ka < kb ? -1 : ka > kb ? 1 : 0));
    const table = new RouteTable(order.flatMap(([, p]) => p.entries));
    this.#table = table;
    this.#resolver.retain(table.pools);
    this.#onSwap?.(table);
  }
}
