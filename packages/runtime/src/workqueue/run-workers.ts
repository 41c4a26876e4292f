import type { WorkQueue } from './work-queue.js';

/**
 * Runs `n` workers that take keys from `queue` and pass them to `handler`,
 * calling `done` after each. The handler decides between forget and retry;
 * one that throws gets its key retried with backoff. Resolves when the queue
 * is shut down and every worker has finished its last key.
 */
export async function runWorkers(queue: WorkQueue, n: number, handler: (key: string) => Promise<void>): Promise<void> {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`runWorkers n must be a positive integer, got ${n}`);
  const worker = async (): Promise<void> => {
    for (let key = await queue.get(); key !== undefined; key = await queue.get()) {
      try {
        await handler(key);
      } catch {
        queue.addRateLimited(key);
      } finally {
        queue.done(key);
      }
    }
  };
  await Promise.all(Array.from({ length: n }, worker));
}
