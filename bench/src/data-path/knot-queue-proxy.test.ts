// knot's queue-proxy as the bench starts it, on real sockets in front of a real app.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROBE_HEADER, PROBE_HEADER_VALUE_QUEUE, REVISION_HEADER_NAME } from '@knot/api';
import { startKnotQueueProxy } from './knot-queue-proxy.js';
import { REVISION_HEADERS } from './revision-objects.js';

interface Answer {
  readonly status: number;
  readonly body: string;
}

function get(port: number, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/hello?x=1', headers, agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

/** Answers with what it received, so the test sees what queue-proxy forwarded. */
async function startApp(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ url: req.url, revision: req.headers[REVISION_HEADER_NAME.toLowerCase()] ?? null }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

test('it proxies to the app at userPort, announces its serving port as http and stops when the signal aborts', async () => {
  const app = await startApp();
  const abort = new AbortController();
  try {
    const started = await startKnotQueueProxy(app.port, abort.signal);
    const port = started.ports.http!;
    expect(port).toBeGreaterThan(0);
    expect(port).not.toBe(app.port);

    // As the activator sends it: the revision headers are for queue-proxy and stay behind.
    expect(await get(port, { ...REVISION_HEADERS })).toEqual({ status: 200, body: JSON.stringify({ url: '/hello?x=1', revision: null }) });
    // The revision's readiness (no probe declared: a TCP dial of the user port) holds.
    expect(await get(port, { [PROBE_HEADER]: PROBE_HEADER_VALUE_QUEUE, 'User-Agent': 'Knative-Activator-Probe' })).toEqual({ status: 200, body: 'queue' });

    abort.abort();
    await started.done;
    await expect(get(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  } finally {
    abort.abort();
    await app.close();
  }
});
