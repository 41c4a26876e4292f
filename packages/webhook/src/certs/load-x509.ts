// @peculiar/x509's dependency injection (tsyringe) needs the Reflect metadata API
// before it loads, so the polyfill is imported first and the library lazily after it:
// module loaders may evaluate a static CommonJS import ahead of the polyfill.
import 'reflect-metadata';
import type * as X509 from '@peculiar/x509';

let loaded: Promise<typeof X509> | undefined;

/** @peculiar/x509, loaded once, after the Reflect metadata polyfill. */
export function loadX509(): Promise<typeof X509> {
  return (loaded ??= import('@peculiar/x509'));
}
