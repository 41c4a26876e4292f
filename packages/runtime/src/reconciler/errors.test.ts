import { ApiError } from '../errors.js';
import { FakeClock } from '../testing/fake-clock.js';
import { WorkQueue } from '../workqueue/work-queue.js';
import { eventOf, handleErr, permanentError, reconcilerEvent, requeueAfter, skip, type Decision } from './errors.js';

describe('handleErr', () => {
  test.each<{ name: string; err: unknown; decision: Decision; queuedAt?: number; requeues: number }>([
    { name: 'success forgets', err: undefined, decision: 'forget', requeues: 0 },
    { name: 'a Normal event is success', err: reconcilerEvent('Normal', 'Done', 'ok'), decision: 'forget', requeues: 0 },
    { name: 'skip forgets', err: skip(), decision: 'forget', requeues: 0 },
    { name: 'permanent forgets', err: permanentError(new Error('bad spec')), decision: 'forget', requeues: 0 },
    { name: 'requeue-after re-adds after its delay without backoff', err: requeueAfter(30_000), decision: 'requeue-after', queuedAt: 30_000, requeues: 0 },
    { name: 'conflict retries with backoff', err: new ApiError('Conflict', 'stale'), decision: 'retry', queuedAt: 5, requeues: 1 },
    { name: 'other errors retry with backoff', err: new Error('boom'), decision: 'retry', queuedAt: 5, requeues: 1 },
    { name: 'a Warning event retries', err: reconcilerEvent('Warning', 'Failed', 'no'), decision: 'retry', queuedAt: 5, requeues: 1 },
  ])('$name', ({ err, decision, queuedAt, requeues }) => {
    const clock = new FakeClock();
    const queue = new WorkQueue({ clock });
    queue.addRateLimited('ns/a');
    queue.forget('ns/a');
    clock.advance(10);
    void queue.get();
    queue.done('ns/a');

    expect(handleErr(queue, 'ns/a', err)).toBe(decision);
    expect(queue.numRequeues('ns/a')).toBe(requeues);
    if (queuedAt === undefined) {
      clock.advance(10 * 60_000);
      expect(queue.len).toBe(0);
    } else {
      clock.advance(queuedAt - 1);
      expect(queue.len).toBe(0);
      clock.advance(1);
      expect(queue.len).toBe(1);
    }
  });

  test('a queue that is shutting down forgets instead of retrying', () => {
    const queue = new WorkQueue({ clock: new FakeClock() });
    queue.shutDown();
    expect(handleErr(queue, 'ns/a', new Error('boom'))).toBe('forget');
  });

  test('logs conflicts at info and other failures at error', () => {
    const lines: string[] = [];
    const logger = {
      debug: () => lines.push('debug'),
      info: () => lines.push('info'),
      warn: () => lines.push('warn'),
      error: () => lines.push('error'),
      child: () => logger,
    };
    const queue = new WorkQueue({ clock: new FakeClock() });
    handleErr(queue, 'ns/a', new ApiError('Conflict', 'stale'), logger);
    handleErr(queue, 'ns/b', new Error('boom'), logger);
    expect(lines).toEqual(['info', 'error']);
  });
});

describe('error kinds', () => {
  test('requeueAfter works as a returned result and as an error', () => {
    const r = requeueAfter(250);
    expect(r.requeueAfter).toBe(250);
    expect(r).toBeInstanceOf(Error);
    expect(r.code).toBe('RequeueAfter');
  });

  test('a permanent error keeps the message and the event it wraps', () => {
    const event = reconcilerEvent('Warning', 'InvalidSpec', 'spec.x is wrong');
    const err = permanentError(event);
    expect(err.code).toBe('Permanent');
    expect(err.message).toBe('spec.x is wrong');
    expect(eventOf(err)).toBe(event);
    expect(eventOf(new Error('plain'))).toBeUndefined();
  });
});
