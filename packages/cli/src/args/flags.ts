// Flag definitions and parsing on top of node:util parseArgs, with every
// problem turned into a UsageError that names the flag.
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';

export interface FlagSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** The flag may be given several times; its value is a list. */
  readonly multiple?: boolean;
  readonly description: string;
  /** The value's placeholder in help, e.g. IMAGE. */
  readonly value?: string;
}

export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

export type FlagValue = string | boolean | (string | boolean)[] | undefined;

export interface ParsedArgs {
  readonly flags: Readonly<Record<string, FlagValue>>;
  readonly positionals: readonly string[];
}

/** Flags every command takes. */
export const GLOBAL_FLAGS: FlagSpecs = {
  kubeconfig: { type: 'string', value: 'PATH', description: 'kubeconfig file (default $KUBECONFIG, then ~/.kube/config)' },
  context: { type: 'string', value: 'NAME', description: "kubeconfig context (default the file's current-context)" },
  namespace: { type: 'string', short: 'n', value: 'NS', description: "namespace (default the context's, else default)" },
  help: { type: 'boolean', short: 'h', description: 'show help for the command' },
};

export function parseFlags(argv: readonly string[], specs: FlagSpecs): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const [name, spec] of Object.entries({ ...GLOBAL_FLAGS, ...specs })) {
    options[name] = { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) };
  }
  try {
    const { values, positionals } = parseArgs({ args: joinDashValues(argv, options), options, strict: true, allowPositionals: true, allowNegative: true });
    return { flags: values, positionals };
  } catch (err) {
    throw new UsageError('BAD_FLAG', parseArgsMessage(err));
  }
}

/**
 * Like kubectl and kn, a flag that takes a value takes the next word even when
 * it starts with a dash (`--arg --verbose`); parseArgs wants `--arg=--verbose`.
 */
function joinDashValues(argv: readonly string[], options: Record<string, { type: string; short?: string }>): string[] {
  const takesValue = new Map<string, string>();
  for (const [name, o] of Object.entries(options)) {
    if (o.type !== 'string') continue;
    takesValue.set(`--${name}`, name);
    if (o.short) takesValue.set(`-${o.short}`, name);
  }
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '';
    if (word === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const name = takesValue.get(word);
    const next = argv[i + 1];
    if (name !== undefined && next !== undefined && next.startsWith('-') && next !== '-') {
      out.push(`--${name}=${next}`);
      i++;
    } else out.push(word);
  }
  return out;
}

function parseArgsMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown }).code;
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown flag: ${quoted}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/argument missing/.test(message)) return `flag needs a value: ${quoted.replace(/ <value>$/, '')}`;
      if (/does not take an argument/.test(message)) return `flag takes no value: ${quoted}`;
      return `bad flag value: ${message}`;
    default:
      return message.split('\n')[0] ?? message;
  }
}

/** The flag as its user typed it, for messages: `--image` or `-n, --namespace`. */
export function flagName(name: string): string {
  return `--${name}`;
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new UsageError('BAD_FLAG', `${flagName(name)} needs a value`);
  return v;
}

export function boolFlag(args: ParsedArgs, name: string): boolean | undefined {
  const v = args.flags[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw new UsageError('BAD_FLAG', `${flagName(name)} takes no value`);
  return v;
}

export function listFlag(args: ParsedArgs, name: string): string[] {
  const v = args.flags[name];
  if (v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((item) => {
    if (typeof item !== 'string') throw new UsageError('BAD_FLAG', `${flagName(name)} needs a value`);
    return item;
  });
}

/** An integer flag within [min, max]; the error names the flag and the bounds. */
export function intFlag(args: ParsedArgs, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const raw = stringFlag(args, name);
  if (raw === undefined) return undefined;
  return parseIntArg(raw, flagName(name), min, max);
}

export function parseIntArg(raw: string, what: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^-?\d+$/.test(raw.trim())) throw new UsageError('BAD_FLAG', `${what}: ${JSON.stringify(raw)} is not an integer`);
  const n = Number(raw);
  if (n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `between ${min} and ${max}`;
    throw new UsageError('BAD_FLAG', `${what}: ${n} is out of range, must be ${range}`);
  }
  return n;
}

/** Help lines for a set of flags, aligned. */
export function flagHelp(specs: FlagSpecs): string {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const short = spec.short ? `-${spec.short}, ` : '    ';
    const value = spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : '';
    return [`  ${short}--${name}${value}`, spec.description + (spec.multiple ? ' (repeatable)' : '')] as const;
  });
  const width = Math.max(0, ...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `${left.padEnd(width)}   ${right}`).join('\n');
}
