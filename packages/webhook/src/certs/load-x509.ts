// @peculiar/x509's dependency injection (tsyringe) refuses to load without the Reflect
// metadata API, and no polyfill package is installed: this provides the three calls it makes,
// then loads the library lazily, since module loaders may evaluate a static CommonJS import first.
import type * as X509 from '@peculiar/x509';

type Metadata = Map<unknown, unknown>;
const store = new WeakMap<object, Metadata>();

function ownMetadata(target: object, create: boolean): Metadata | undefined {
  let metadata = store.get(target);
  if (!metadata && create) store.set(target, (metadata = new Map()));
  return metadata;
}

function defineMetadata(key: unknown, value: unknown, target: object): void {
  ownMetadata(target, true)?.set(key, value);
}

function getOwnMetadata(key: unknown, target: object): unknown {
  return ownMetadata(target, false)?.get(key);
}

/** Looks up the prototype chain, as reflect-metadata does. */
function getMetadata(key: unknown, target: object): unknown {
  for (let o: object | null = target; o !== null; o = Object.getPrototypeOf(o) as object | null) {
    const metadata = ownMetadata(o, false);
    if (metadata?.has(key)) return metadata.get(key);
  }
  return undefined;
}

let loaded: Promise<typeof X509> | undefined;

/** @peculiar/x509, with the Reflect metadata API in place first (a real polyfill already loaded is kept). */
export function loadX509(): Promise<typeof X509> {
  if (!('getMetadata' in Reflect)) Object.assign(Reflect, { defineMetadata, getOwnMetadata, getMetadata });
  return (loaded ??= import('@peculiar/x509'));
}
