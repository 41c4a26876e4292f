// `limit` and `continue` over a Client that lists whole collections. A page
// ends at an object key (namespace/name, the order Kubernetes lists in); the
// continue token carries that key and the first page's resourceVersion, which
// every page reports, so a watch started from it misses nothing that changed
// while the pages were read.
import type { KubeObject } from '@knot/api';
import { badRequest } from './status-error.js';

export interface Page<T extends KubeObject> {
  readonly items: T[];
  readonly resourceVersion: string;
  readonly continueToken: string | undefined;
  readonly remainingItemCount: number | undefined;
}

interface Token {
  readonly rv: string;
  readonly start: string;
}

const keyOf = (obj: KubeObject): string => `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;
const byKey = (a: KubeObject, b: KubeObject): number => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0);

function encode(token: Token): string {
  return Buffer.from(JSON.stringify({ v: 1, ...token })).toString('base64url');
}

function decode(text: string): Token {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const t = parsed as { v?: unknown; rv?: unknown; start?: unknown } | undefined;
  if (typeof t !== 'object' || t === null || t.v !== 1 || typeof t.rv !== 'string' || typeof t.start !== 'string') {
    throw badRequest(`continue key is not valid: ${JSON.stringify(text.slice(0, 64))} is not a token this server issued`);
  }
  return { rv: t.rv, start: t.start };
}

/** One page of `items` (the whole, current collection at `resourceVersion`). */
export function pageOf<T extends KubeObject>(items: readonly T[], resourceVersion: string, limit: number, continueToken: string | undefined): Page<T> {
  const token = continueToken === undefined ? undefined : decode(continueToken);
  const sorted = [...items].sort(byKey);
  const rest = token ? sorted.filter((o) => keyOf(o) > token.start) : sorted;
  const rv = token?.rv ?? resourceVersion;
  if (limit <= 0 || rest.length <= limit) return { items: rest, resourceVersion: rv, continueToken: undefined, remainingItemCount: undefined };
  const page = rest.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page,
    resourceVersion: rv,
    continueToken: last && encode({ rv, start: keyOf(last) }),
    remainingItemCount: rest.length - page.length,
  };
}
