// What a knot invocation talks to: its streams, environment, clock and API
// connection. main.ts passes the process's; tests pass their own (a
// MemoryStore as the API, a FakeClock, buffers for the streams).
import type { Client, Clock } from '@knot/runtime';
import type { PodLogs } from './logs/pod-logs.js';

export interface ConnectOptions {
  /** --kubeconfig; default $KUBECONFIG, then ~/.kube/config. */
  readonly kubeconfig?: string;
  /** --context; default the kubeconfig's current-context. */
  readonly context?: string;
}

export interface Connection {
  readonly client: Client;
  /** The context's namespace, or `default`; -n overrides it. */
  readonly namespace: string;
  /** Reads container logs (the pods/log subresource); absent where the API has none. */
  readonly logs?: PodLogs;
  /** Releases sockets; called once the command is done. */
  close?(): void;
}

export interface CliIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Read by `-f -`. */
  readonly stdin?: NodeJS.ReadableStream;
  /** Aborted on Ctrl-C: waits and followers stop, `knot dev` shuts down. */
  readonly signal?: AbortSignal;
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** Opens the API connection; default: a KubeClient from the kubeconfig. */
  readonly connect?: (opts: ConnectOptions) => Promise<Connection>;
}

/** True when the stream is an interactive terminal (spinners only go there). */
export function isTty(stream: NodeJS.WritableStream): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}
