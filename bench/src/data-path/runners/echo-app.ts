// The app every path ends at: node:http answering a short body, as a user's
// hello-world would. Its own process, so it never shares a loop with a proxy.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { run } from './runner.js';

const BODY = Buffer.from('hello world\n');
const HEADERS = { 'content-type': 'text/plain', 'content-length': String(BODY.length) };

await run(async (signal) => {
  const server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(200, HEADERS).end(BODY);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const done = new Promise<void>((resolve) =>
    signal.addEventListener('abort', () => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  );
  return { ports: { http: (server.address() as AddressInfo).port }, done };
});
