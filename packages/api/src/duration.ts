// The package's public Go duration helpers. One implementation lives beside the
// config-map parsers; this module is the stable entry point for everyone else.
export { formatGoDuration, isWholeSeconds, parseGoDuration } from './config/go-duration.js';
