// Waiting until a path answers 200, before any load is sent through it.
import http from 'node:http';
import { BenchError } from '../bench-error.js';

export function getStatus(url: string, headers: Readonly<Record<string, string>> = {}): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { headers, agent: false, timeout: 2000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

export async function waitForOk(url: string, headers: Readonly<Record<string, string>> = {}, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let status = 0;
  while (Date.now() < deadline) {
    status = await getStatus(url, headers);
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new BenchError('not-ready', `${url} did not answer 200 within ${timeoutMs} ms (last status ${status || 'none'})`);
}

/** A port that was free a moment ago, for programs that cannot be told to pick one. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = http.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether something already listens on `port` on any interface. */
export function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = http.createServer();
    server.once('error', () => resolve(true));
    server.listen(port, () => server.close(() => resolve(false)));
  });
}
