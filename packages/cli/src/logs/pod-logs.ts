// Container logs as the CLI reads them: the pods/{name}/log subresource.

export interface LogOptions {
  /** Default: the pod's only container, else `user-container`. */
  readonly container?: string;
  /** Keep the stream open and pass on new lines until the signal aborts. */
  readonly follow?: boolean;
  /** Only the last N lines. */
  readonly tailLines?: number;
  readonly signal?: AbortSignal;
}

export interface PodLogs {
  /** Streams one container's log into `onData`; resolves when the stream ends or the signal aborts. */
  stream(namespace: string, pod: string, opts: LogOptions, onData: (chunk: string) => void): Promise<void>;
}
