import { core, type ConfigData } from '@knot/api';
import type { DestinationStream } from 'pino';
import { createLogger, logLevelFromConfigLogging, readLogLevel, withKey, type LoggerOptions, type LogLevel } from './logging.js';
import { ApiError } from './errors.js';
import { MemoryStore } from './memory/index.js';

const T0 = Date.UTC(2024, 0, 2, 3, 4, 5, 678);

function capture(opts: Partial<LoggerOptions> = {}) {
  const lines: string[] = [];
  const destination: DestinationStream = { write: (l) => void lines.push(l) };
  const logger = createLogger({ component: 'controller', now: () => T0, destination, ...opts });
  return { logger, lines, json: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createLogger', () => {
  test('writes Knative-shaped JSON lines', () => {
    const { logger, json } = capture({ pod: 'controller-abc' });
    logger.info({ revision: 'hello-00001' }, 'reconciled');
    expect(json()).toEqual([
      {
        severity: 'INFO',
        timestamp: '2024-01-02T03:04:05.678Z',
        logger: 'controller',
        'knative.dev/pod': 'controller-abc',
        revision: 'hello-00001',
        message: 'reconciled',
      },
    ]);
  });

  test('withKey tags every line of the child with knative.dev/key', () => {
    const { logger, json } = capture();
    const keyed = withKey(logger, 'default/hello');
    keyed.warn({}, 'slow');
    keyed.child({ step: 'route' }).error({}, 'failed');
    logger.info({}, 'untagged');
    expect(json().map((l) => [l.severity, l['knative.dev/key'], l.message])).toEqual([
      ['WARN', 'default/hello', 'slow'],
      ['ERROR', 'default/hello', 'failed'],
      ['INFO', undefined, 'untagged'],
    ]);
  });

  test.each([
    { name: 'debug shows debug', level: 'debug' as const, want: ['DEBUG', 'INFO', 'ERROR'] },
    { name: 'info hides debug', level: 'info' as const, want: ['INFO', 'ERROR'] },
    { name: 'error shows errors only', level: 'error' as const, want: ['ERROR'] },
    { name: 'silent shows nothing', level: 'silent' as const, want: [] },
  ])('$name', ({ level, want }) => {
    const { logger, json } = capture({ level });
    logger.debug({}, 'd');
    logger.info({}, 'i');
    logger.error({}, 'e');
    expect(json().map((l) => l.severity)).toEqual(want);
  });

  test('pretty prints one readable line per entry', () => {
    const { logger, lines } = capture({ pretty: true });
    withKey(logger, 'ns/svc').info({ attempt: 2 }, 'retrying');
    expect(lines).toEqual(['03:04:05.678 INFO  controller: retrying knative.dev/key=ns/svc attempt=2\n']);
  });
});

describe('logLevelFromConfigLogging', () => {
  test.each<{ name: string; data: ConfigData; want: LogLevel }>([
    { name: 'no map', data: undefined, want: 'info' },
    { name: 'zap level', data: { 'zap-logger-config': '{"level":"debug","encoding":"json"}' }, want: 'debug' },
    { name: 'component level wins', data: { 'zap-logger-config': '{"level":"debug"}', 'loglevel.controller': 'warn' }, want: 'warn' },
    { name: 'other components do not matter', data: { 'loglevel.autoscaler': 'debug' }, want: 'info' },
    { name: 'zap dpanic is fatal', data: { 'loglevel.controller': 'dpanic' }, want: 'fatal' },
    { name: 'zap config without level', data: { 'zap-logger-config': '{}' }, want: 'info' },
  ])('$name → $want', ({ data, want }) => {
    expect(logLevelFromConfigLogging(data, 'controller')).toBe(want);
  });

  test.each<{ name: string; data: ConfigData; path: string }>([
    { name: 'unknown component level', data: { 'loglevel.controller': 'verbose' }, path: 'loglevel.controller' },
    { name: 'zap config not JSON', data: { 'zap-logger-config': '{level: debug' }, path: 'zap-logger-config' },
    { name: 'zap level not a string', data: { 'zap-logger-config': '{"level":3}' }, path: 'zap-logger-config.level' },
  ])('$name is a ConfigError naming $path', ({ data, path }) => {
    expect(() => logLevelFromConfigLogging(data, 'controller')).toThrow(
      expect.objectContaining({ code: 'InvalidConfig', errors: [expect.objectContaining({ path })] }) as Error,
    );
  });
});

describe('readLogLevel', () => {
  const NS = 'knative-serving';

  async function storeWith(data: ConfigData | undefined): Promise<MemoryStore> {
    const store = new MemoryStore({ initialNamespaces: [NS] });
    if (data) await store.create(core.configMaps, { metadata: { namespace: NS, name: 'config-logging' }, data });
    return store;
  }

  test.each<{ name: string; data: ConfigData | undefined; component: string; fallback: LogLevel; want: LogLevel }>([
    { name: 'no config-logging takes the fallback', data: undefined, component: 'controller', fallback: 'warn', want: 'warn' },
    { name: 'the component level', data: { 'loglevel.controller': 'debug' }, component: 'controller', fallback: 'warn', want: 'debug' },
    { name: "another component's level does not apply", data: { 'loglevel.controller': 'debug' }, component: 'webhook', fallback: 'warn', want: 'info' },
    { name: 'the zap config level', data: { 'zap-logger-config': '{"level":"error"}' }, component: 'webhook', fallback: 'warn', want: 'error' },
  ])('$name', async ({ data, component, fallback, want }) => {
    await expect(readLogLevel(await storeWith(data), NS, component, fallback)).resolves.toBe(want);
  });

  test('a bad level is a ConfigError naming its key, not the fallback', async () => {
    const store = await storeWith({ 'loglevel.controller': 'loud' });
    await expect(readLogLevel(store, NS, 'controller', 'info')).rejects.toThrow(
      expect.objectContaining({ code: 'InvalidConfig', errors: [expect.objectContaining({ path: 'loglevel.controller' })] }) as Error,
    );
  });

  test('a read that fails for another reason is surfaced', async () => {
    class ForbiddenStore extends MemoryStore {
      override get(): Promise<never> {
        return Promise.reject(new ApiError('Forbidden', 'configmaps "config-logging" is forbidden'));
      }
    }
    await expect(readLogLevel(new ForbiddenStore({ initialNamespaces: [NS] }), NS, 'controller', 'info')).rejects.toThrow(expect.objectContaining({ code: 'Forbidden' }) as Error);
  });
});
