// @knot/cli: the knot command, also callable in process (tests, embedding).
export { runCli, version, type CliIO } from './cli.js';
export type { Connection, ConnectOptions } from './cli-io.js';
export type { Command, CommandContext, Session } from './commands/command.js';
export { COMMANDS } from './commands/index.js';
export { ExitCode, UsageError, CommandError } from './errors.js';
export type { PodLogs, LogOptions } from './logs/pod-logs.js';
