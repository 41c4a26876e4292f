// Starts a queue-proxy in front of an EchoApp for a test, on port 0 everywhere,
// and stops both afterwards.
import http from 'node:http';
import { parseQueueProxyEnv, type QueueProxyEnv } from '@knot/api';
import { noopLogger, systemClock, type Clock } from '@knot/runtime';
import { FakeClock } from '@knot/runtime/testing';
import { start, type QueueProxyDeps, type RunningQueueProxy } from '../index.js';

/** The environment the revision reconciler would write, for a revision on `userPort`. */
export function testEnv(userPort: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SERVING_NAMESPACE: 'default',
    SERVING_SERVICE: 'hello',
    SERVING_CONFIGURATION: 'hello',
    SERVING_REVISION: 'hello-00001',
    SERVING_POD: 'hello-00001-deployment-abc',
    SERVING_POD_IP: '127.0.0.1',
    QUEUE_SERVING_PORT: '8012',
    QUEUE_SERVING_TLS_PORT: '8112',
    USER_PORT: String(userPort),
    CONTAINER_CONCURRENCY: '0',
    REVISION_TIMEOUT_SECONDS: '300',
    SERVING_LOGGING_CONFIG: '',
    SERVING_LOGGING_LEVEL: '',
    ...extra,
  };
}

export interface Started {
  readonly qp: RunningQueueProxy;
  readonly config: QueueProxyEnv;
  readonly controller: AbortController;
  readonly base: string;
  /** Aborts the signal and waits for the stop, moving a fake clock along as needed. */
  stop(): Promise<void>;
}

export async function startQueueProxy(userPort: number, env: Record<string, string> = {}, deps: Partial<QueueProxyDeps> = {}): Promise<Started> {
  const config = parseQueueProxyEnv(testEnv(userPort, env));
  const controller = new AbortController();
  const clock: Clock = deps.clock ?? systemClock;
  const qp = await start({ config, ports: { serving: 0, admin: 0, stats: 0, metrics: 0 }, host: '127.0.0.1', clock, logger: noopLogger, signal: controller.signal, drainQuietMs: 0, closeGraceMs: 0, ...deps });
  const stop = async () => {
    controller.abort();
    let stopped = false;
    void qp.done.then(() => (stopped = true));
    while (!stopped) {
      if (clock instanceof FakeClock) await clock.advanceAsync(1000);
      else await new Promise((r) => setImmediate(r));
    }
  };
  return { qp, config, controller, base: `http://127.0.0.1:${qp.ports.serving}`, stop };
}

export interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** One HTTP/1.1 request on a fresh connection; resolves with the answer, or rejects when the connection breaks. */
export function request(port: number, path: string, opts: { method?: string; headers?: http.OutgoingHttpHeaders; body?: string | Buffer } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Lets callbacks of already-finished I/O and promises run. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}
