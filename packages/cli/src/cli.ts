// Dispatches `knot <command> ...` to its command module.
import { readFileSync } from 'node:fs';

export interface CliIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

const USAGE = `knot: Knative-compatible serverless, on a cluster or on this machine

Usage: knot <command> [flags]

Commands:
  version     print knot's version
`;

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Runs one invocation; resolves with the process exit code. */
export function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  return Promise.resolve(dispatch(argv, io));
}

function dispatch(argv: readonly string[], io: CliIO): number {
  const [command] = argv;
  switch (command) {
    case 'version':
    case '--version':
      io.stdout.write(`knot ${version()}\n`);
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.stdout.write(USAGE);
      return 0;
    default:
      io.stderr.write(`knot: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
      return 2;
  }
}
