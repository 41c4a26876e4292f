// One error class for the benchmarks, with a stable `code` a caller can test.
export type BenchErrorCode =
  | 'wrk-no-report'
  | 'wrk-bad-report'
  | 'wrk-failed'
  | 'child-exited'
  | 'child-timeout'
  | 'not-ready'
  | 'empty-sample'
  | 'bad-result'
  | 'no-markers'
  | 'bad-rss'
  | 'bad-cpu';

export class BenchError extends Error {
  override readonly name = 'BenchError';

  constructor(
    readonly code: BenchErrorCode,
    message: string,
  ) {
    super(message);
  }
}
