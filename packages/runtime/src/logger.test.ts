import { Writable } from 'node:stream';
import { pino } from 'pino';
import { noopLogger, type Logger } from './logger.js';

describe('Logger', () => {
  test('a pino logger fits the interface, child bindings included', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger: Logger = pino({ level: 'debug' }, sink);
    logger.child({ 'knative.dev/key': 'ns/a' }).info({ attempt: 2 }, 'reconciled');
    const line = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({ 'knative.dev/key': 'ns/a', attempt: 2, msg: 'reconciled', level: 30 });
  });

  test('the no-op logger and its children drop everything', () => {
    expect(noopLogger.child({ a: 1 })).toBe(noopLogger);
    expect(() => noopLogger.error({ err: new Error('x') }, 'ignored')).not.toThrow();
  });
});
