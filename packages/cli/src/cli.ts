// Dispatches `knot <command> ...` to its command module and turns every
// outcome into an exit code: 0 done, 1 failed, 2 bad usage, 130 interrupted.
import { systemClock } from '@knot/runtime';
import { flagHelp, GLOBAL_FLAGS, parseFlags, stringFlag, type ParsedArgs } from './args/flags.js';
import type { CliIO, Connection } from './cli-io.js';
import { findCommand, type Command, type CommandContext, type Session } from './commands/command.js';
import { COMMANDS } from './commands/index.js';
import { version } from './commands/version.js';
import { ExitCode, UsageError } from './errors.js';
import { connectKubeconfig } from './kube/connect.js';
import { formatError } from './output/format-error.js';

export type { CliIO } from './cli-io.js';

export { version } from './commands/version.js';

/** Runs one invocation; resolves with the process exit code and never rejects. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  let path = '';
  try {
    const found = locate(argv);
    path = found.chain.map((c) => c.name).join(' ');
    return await dispatch(found, io);
  } catch (err) {
    if (err instanceof UsageError && err.command === undefined && path) err.command = path;
    const { lines, code } = formatError(err);
    io.stderr.write(lines.join('\n') + '\n');
    return code;
  }
}

interface Located {
  /** The command and its subcommand, outermost first. */
  readonly chain: readonly Command[];
  /** argv without the command words. */
  readonly rest: readonly string[];
  /** A word that named no command, where one was expected. */
  readonly unknown?: string;
}

const GLOBAL_WITH_VALUE = new Set(['--kubeconfig', '--context', '--namespace', '-n']);

/** Finds the command words, which may follow global flags (`knot -n team get ksvc`). */
function locate(argv: readonly string[]): Located {
  const chain: Command[] = [];
  const rest: string[] = [];
  let list: readonly Command[] = COMMANDS;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '';
    if (word === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (word.startsWith('-') && word !== '-') {
      rest.push(word);
      if (GLOBAL_WITH_VALUE.has(word) && i + 1 < argv.length) rest.push(argv[++i] ?? '');
      continue;
    }
    const command = findCommand(list, word);
    // An unknown top-level command (or `help`), or a group's unknown subcommand.
    if (!command) return { chain, rest: [...rest, ...argv.slice(i + 1)], unknown: word };
    chain.push(command);
    if (!command.subcommands) {
      rest.push(...argv.slice(i + 1));
      break;
    }
    list = command.subcommands;
  }
  return { chain, rest };
}

async function dispatch(found: Located, io: CliIO): Promise<number> {
  const { chain, rest, unknown } = found;
  const command = chain.at(-1);
  if (!command) {
    if (unknown === 'help') return help(io, rest.filter((w) => !w.startsWith('-')));
    if (unknown !== undefined) throw new UsageError('UNKNOWN_COMMAND', `unknown command ${JSON.stringify(unknown)}`, '');
    if (rest.includes('--version')) {
      io.stdout.write(`knot ${version()}\n`);
      return ExitCode.Ok;
    }
    io.stdout.write(usage());
    return ExitCode.Ok;
  }
  const path = chain.map((c) => c.name).join(' ');
  if (!command.run) {
    if (unknown !== undefined) throw new UsageError('UNKNOWN_COMMAND', `unknown command ${JSON.stringify(`${path} ${unknown}`)}`, path);
    parseFlags(rest, {});
    io.stdout.write(commandHelp(chain));
    return ExitCode.Ok;
  }
  const args = parseFlags(rest, command.flags ?? {});
  if (args.flags.help === true) {
    io.stdout.write(commandHelp(chain));
    return ExitCode.Ok;
  }
  let connection: Connection | undefined;
  const ctx = makeContext(io, path, args, async () => (connection ??= await connect(io, args)));
  try {
    return await command.run(ctx);
  } finally {
    connection?.close?.();
  }
}

async function connect(io: CliIO, args: ParsedArgs): Promise<Connection> {
  const opts = { kubeconfig: stringFlag(args, 'kubeconfig'), context: stringFlag(args, 'context') };
  return io.connect ? io.connect(opts) : connectKubeconfig(opts, io.env, io.cwd);
}

function makeContext(io: CliIO, path: string, args: ParsedArgs, open: () => Promise<Connection>): CommandContext {
  let session: Session | undefined;
  const namespaceFlag = stringFlag(args, 'namespace');
  if (namespaceFlag === '') throw new UsageError('BAD_FLAG', '--namespace: must not be empty');
  return {
    io,
    args,
    path,
    clock: io.clock ?? systemClock,
    signal: io.signal ?? new AbortController().signal,
    async session() {
      if (session) return session;
      const conn = await open();
      session = { client: conn.client, namespace: namespaceFlag ?? conn.namespace, namespaceFromFlag: namespaceFlag !== undefined, ...(conn.logs ? { logs: conn.logs } : {}) };
      return session;
    },
    out: (line = '') => void io.stdout.write(line + '\n'),
    err: (line = '') => void io.stderr.write(line + '\n'),
  };
}

function help(io: CliIO, words: readonly string[]): number {
  const chain: Command[] = [];
  let list: readonly Command[] | undefined = COMMANDS;
  for (const word of words) {
    const command: Command | undefined = list && findCommand(list, word);
    if (!command) throw new UsageError('UNKNOWN_COMMAND', `unknown command ${JSON.stringify(words.join(' '))}`, '');
    chain.push(command);
    list = command.subcommands;
  }
  io.stdout.write(chain.length === 0 ? usage() : commandHelp(chain));
  return ExitCode.Ok;
}

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const list = COMMANDS.map((c) => `  ${c.name.padEnd(width)}   ${c.summary}`).join('\n');
  return `knot: Knative-compatible serverless, on a cluster or on this machine

Usage: knot <command> [flags]

Commands:
${list}

Global flags:
${flagHelp(GLOBAL_FLAGS)}

Run 'knot <command> --help' for a command's flags.
`;
}

function commandHelp(chain: readonly Command[]): string {
  const command = chain[chain.length - 1];
  if (!command) return usage();
  const path = chain.map((c) => c.name).join(' ');
  const parts = [`Usage: knot ${command.usage ?? (command.subcommands ? `${path} <command> [flags]` : `${path} [flags]`)}`, '', command.summary];
  if (command.aliases?.length) parts.push('', `Aliases: ${[command.name, ...command.aliases].join(', ')}`);
  if (command.help) parts.push('', command.help.trimEnd());
  if (command.subcommands) {
    const width = Math.max(...command.subcommands.map((c) => c.name.length));
    parts.push('', 'Commands:', ...command.subcommands.map((c) => `  ${c.name.padEnd(width)}   ${c.summary}`));
  }
  if (command.flags && Object.keys(command.flags).length > 0) parts.push('', 'Flags:', flagHelp(command.flags));
  parts.push('', 'Global flags:', flagHelp(GLOBAL_FLAGS));
  return parts.join('\n') + '\n';
}
