// Shared by the runtime's tests: tiny Node apps as container commands, Deployments, and waiting for the store.
import http from 'node:http';
import { apps, core } from '@knot/api';
import { MemoryStore, noopLogger, systemClock, type Clock } from '@knot/runtime';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { startProcessRuntime, type ProcessRuntimeDeps, type RunningProcessRuntime } from './process-runtime.js';

/**
 * An HTTP app on $PORT answering every request with what it sees (HOSTNAME,
 * PORT, cwd, env); `/fail` answers 500; with IGNORE_TERM it logs SIGTERM and
 * keeps running, otherwise it logs it and exits.
 */
export const HTTP_APP = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  res.writeHead(req.url === '/fail' ? 500 : 200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ pod: process.env.HOSTNAME, port: process.env.PORT, cwd: process.cwd(), env: process.env }));
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening on ' + process.env.PORT));
process.on('SIGTERM', () => {
  console.log('got SIGTERM');
  if (!process.env.IGNORE_TERM) server.close(() => process.exit(0));
});
`;

/** A container running `script` with this Node. */
export function nodeContainer(script: string, extra: Partial<Container> = {}): Container {
  return { name: 'app', image: 'example.dev/app', command: [process.execPath, '-e', script], ...extra };
}

export function httpContainer(extra: Partial<Container> = {}): Container {
  return nodeContainer(HTTP_APP, { ports: [{ name: 'http', containerPort: 8080 }], readinessProbe: { httpGet: { path: '/', port: 8080 } }, ...extra });
}

export function deployment(name: string, replicas: number, containers: Container[], extra: { labels?: Record<string, string>; grace?: number; progressDeadlineSeconds?: number } = {}): Deployment {
  const labels = { app: name, ...extra.labels };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { namespace: 'default', name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      ...(extra.progressDeadlineSeconds !== undefined ? { progressDeadlineSeconds: extra.progressDeadlineSeconds } : {}),
      template: { metadata: { labels }, spec: { containers, ...(extra.grace !== undefined ? { terminationGracePeriodSeconds: extra.grace } : {}) } },
    },
  };
}

/** Retries `check` every 10 ms until it stops throwing; after `timeoutMs` (10 s) it throws the last failure, so a test says what it waited for. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 10_000): Promise<T> {
  const giveUp = performance.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (performance.now() > giveUp) throw err;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

export interface Harness {
  readonly store: MemoryStore;
  readonly runtime: RunningProcessRuntime;
  readonly stop: () => Promise<void>;
  pods(name?: string): Promise<Pod[]>;
  scale(name: string, replicas: number): Promise<void>;
}

/** The runtime on a fresh store; `stop` aborts it and waits for every process to be gone. */
export function startHarness(opts: { clock?: Clock } & Partial<Omit<ProcessRuntimeDeps, 'client' | 'signal'>> = {}): Harness {
  const clock = opts.clock ?? systemClock;
  const store = new MemoryStore({ clock });
  const controller = new AbortController();
  const runtime = startProcessRuntime({ logger: noopLogger, ...opts, client: store, clock, signal: controller.signal });
  return {
    store,
    runtime,
    stop: async () => {
      controller.abort();
      await runtime.done;
    },
    pods: async (name) => (await store.list(core.pods, 'default', name ? { labelSelector: `app=${name}` } : {})).items,
    scale: async (name, replicas) => {
      await store.patch(apps.deployments, 'default', name, { type: 'merge', patch: { spec: { replicas } } });
    },
  };
}

export function isReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
}

/** The declared port's host port in the pod. */
export function hostPort(pod: Pod, containerPort = 8080): number {
  const port = pod.spec?.containers.flatMap((c) => c.ports ?? []).find((p) => p.containerPort === containerPort)?.hostPort;
  if (!port) throw new Error(`pod ${pod.metadata?.name} has no host port for ${containerPort}`);
  return port;
}

export interface AppAnswer {
  pod: string;
  port: string;
  cwd: string;
  env: Record<string, string>;
}

/** GET / from the app on `port`. */
export function ask(port: number, path = '/'): Promise<{ status: number; body: AppAnswer }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as AppAnswer });
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      });
    });
    req.on('error', reject);
  });
}

/** Resolves true when nothing accepts connections on `port`. */
export function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      res.resume();
      resolve(false);
    });
    req.on('error', () => resolve(true));
  });
}
