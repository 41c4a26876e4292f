// @knot/cli: the knot command, also callable in process (tests, embedding).
export { runCli, version, type CliIO } from './cli.js';
