/**
 * Hooks a work queue calls as keys move through it, so a metrics backend
 * (prom-client in src/http) can record client-go's workqueue metrics without
 * the queue depending on it. Times are in seconds, as Prometheus expects.
 */
export interface WorkQueueMetrics {
  /** The number of keys waiting for a worker (`workqueue_depth`). */
  setDepth(depth: number): void;
  /** A key entered the queue; keys already queued are not counted again (`workqueue_adds_total`). */
  incAdds(): void;
  /** How long a key waited before a worker took it (`workqueue_queue_duration_seconds`). */
  observeLatency(seconds: number): void;
  /** How long a worker spent on a key (`workqueue_work_duration_seconds`). */
  observeWorkDuration(seconds: number): void;
  /** A key was put back through `addRateLimited` (`workqueue_retries_total`). */
  incRetries(): void;
}
