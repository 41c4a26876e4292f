// The shape of one `knot` command. Commands are plain objects in the table in
// ./index.ts; a group (`service`) holds subcommands instead of running.
import type { Client, Clock } from '@knot/runtime';
import type { FlagSpecs, ParsedArgs } from '../args/flags.js';
import type { CliIO } from '../cli-io.js';
import type { PodLogs } from '../logs/pod-logs.js';

/** The API connection with the namespace this invocation works in. */
export interface Session {
  readonly client: Client;
  /** -n, else the context's namespace, else `default`. */
  readonly namespace: string;
  /** True when -n was given, so objects naming another namespace are an error. */
  readonly namespaceFromFlag: boolean;
  readonly logs?: PodLogs;
}

export interface CommandContext {
  readonly io: CliIO;
  readonly args: ParsedArgs;
  readonly clock: Clock;
  /** Aborted on Ctrl-C. */
  readonly signal: AbortSignal;
  /** `service create`, for messages and help pointers. */
  readonly path: string;
  /** Connects on first use (--kubeconfig, --context, -n); later calls return the same session. */
  session(): Promise<Session>;
  /** Writes one line to stdout. */
  out(line?: string): void;
  /** Writes one line to stderr. */
  err(line?: string): void;
}

export interface Command {
  readonly name: string;
  readonly aliases?: readonly string[];
  /** One line for the command list. */
  readonly summary: string;
  /** What follows `knot ` in the usage line, e.g. `apply -f FILE|DIR|- [flags]`. */
  readonly usage?: string;
  /** More help: what it does, examples. */
  readonly help?: string;
  readonly flags?: FlagSpecs;
  readonly subcommands?: readonly Command[];
  /** Resolves with the exit code; throws UsageError, CommandError or ApiError. */
  readonly run?: (ctx: CommandContext) => Promise<number>;
}

export function findCommand(list: readonly Command[], name: string): Command | undefined {
  return list.find((c) => c.name === name || c.aliases?.includes(name));
}
