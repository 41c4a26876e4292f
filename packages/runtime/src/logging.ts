import { CONFIG_LOGGING, ConfigError, core, type ConfigData } from '@knot/api';
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import type { Client } from './client.js';
import { isNotFound } from './errors.js';
import type { Logger } from './logger.js';

/** The field Knative puts the reconciled object's `namespace/name` in. */
export const LOG_KEY_FIELD = 'knative.dev/key';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

export interface LoggerOptions {
  /** Written as `logger` on every line, like Knative's component loggers (`controller`, `activator`). */
  readonly component: string;
  readonly level?: LogLevel;
  /** One human-readable line per entry instead of JSON; for `knot dev` in a terminal. */
  readonly pretty?: boolean;
  /** Where lines go; default stdout. */
  readonly destination?: DestinationStream;
  /** Added as `knative.dev/pod` when set. */
  readonly pod?: string;
  /** Source of timestamps; injectable so tests get stable lines. */
  readonly now?: () => number;
}

/**
 * A pino logger writing Knative's JSON shape (`severity`, `timestamp`,
 * `logger`, `message`), so log queries written for Knative work on knot.
 */
export function createLogger(opts: LoggerOptions): PinoLogger & Logger {
  const now = opts.now ?? Date.now;
  const out = opts.destination ?? process.stdout;
  return pino(
    {
      level: opts.level ?? 'info',
      messageKey: 'message',
      base: { logger: opts.component, ...(opts.pod ? { 'knative.dev/pod': opts.pod } : {}) },
      timestamp: () => `,"timestamp":"${new Date(now()).toISOString()}"`,
      formatters: { level: (label) => ({ severity: label.toUpperCase() }) },
    },
    opts.pretty ? prettyStream(out) : out,
  );
}

/** A child logger for one reconcile, tagged with the object's key as Knative does. */
export function withKey(logger: Logger, key: string): Logger {
  return logger.child({ [LOG_KEY_FIELD]: key });
}

const ZAP_LEVELS: Readonly<Record<string, LogLevel>> = {
  debug: 'debug',
  info: 'info',
  warn: 'warn',
  error: 'error',
  dpanic: 'fatal',
  panic: 'fatal',
  fatal: 'fatal',
};

/**
 * The level for `component` from a `config-logging` map: `loglevel.<component>`
 * wins over `zap-logger-config`'s `level`; default info. Bad values throw ConfigError.
 */
export function logLevelFromConfigLogging(data: ConfigData, component: string): LogLevel {
  const key = `loglevel.${component}`;
  const specific = data?.[key];
  if (specific !== undefined) return zapLevel(key, specific.trim());
  const zapConfig = data?.['zap-logger-config'];
  if (zapConfig === undefined) return 'info';
  let parsed: unknown;
  try {
    parsed = JSON.parse(zapConfig);
  } catch {
    throw new ConfigError(CONFIG_LOGGING, [{ path: 'zap-logger-config', message: 'must be JSON' }]);
  }
  const level = typeof parsed === 'object' && parsed !== null ? (parsed as { level?: unknown }).level : undefined;
  if (level === undefined) return 'info';
  if (typeof level !== 'string') throw new ConfigError(CONFIG_LOGGING, [{ path: 'zap-logger-config.level', message: 'must be a string' }]);
  return zapLevel('zap-logger-config.level', level);
}

function zapLevel(path: string, value: string): LogLevel {
  const level = ZAP_LEVELS[value.toLowerCase()];
  if (!level) throw new ConfigError(CONFIG_LOGGING, [{ path, message: `unknown level "${value}", want one of ${Object.keys(ZAP_LEVELS).join(', ')}` }]);
  return level;
}

/** `12:04:05.123 INFO  controller: message key=value` */
function prettyStream(out: DestinationStream): DestinationStream {
  return {
    write(line: string) {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        out.write(line);
        return;
      }
      const { timestamp, severity, logger, message, ...rest } = entry;
      const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v));
      const time = typeof timestamp === 'string' ? timestamp.slice(11, 23) : '';
      const fields = Object.entries(rest)
        .map(([k, v]) => `${k}=${text(v)}`)
        .join(' ');
      out.write(`${time} ${text(severity).padEnd(5)} ${text(logger)}: ${text(message)}${fields ? ` ${fields}` : ''}\n`);
    },
  };
}

/**
 * The level for `component` from `config-logging` in `namespace`; `fallback` when the
 * map does not exist. A bad level throws ConfigError: a typo must not silently log at another level.
 */
export async function readLogLevel(client: Client, namespace: string, component: string, fallback: LogLevel): Promise<LogLevel> {
  try {
    const map = await client.get(core.configMaps, namespace, CONFIG_LOGGING);
    return logLevelFromConfigLogging(map.data, component);
  } catch (err) {
    if (isNotFound(err)) return fallback;
    throw err;
  }
}
