// The package's public Go duration helpers. One implementation lives beside the
// config-map parsers; this module is the stable entry point for everyone else.
export { formatGoDuration, parseGoDuration } from './config/go-duration.js';

/** Milliseconds in a Go duration with no fraction of a second left over (`1m30s` yes, `1.5s` no). */
export function isWholeSeconds(ms: number): boolean {
  return Number.isFinite(ms) && ms % 1000 === 0;
}
