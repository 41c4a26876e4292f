import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProbeHandler, type ProbeHandlerOptions } from './probe-handler.js';

/** A node:http server answering only the probe and metrics paths (404 elsewhere). */
export function createProbeServer(opts: ProbeHandlerOptions): http.Server {
  const handle = createProbeHandler(opts);
  return http.createServer((req, res) => {
    if (!handle(req, res)) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  });
}

/** Listens and resolves with the bound port (useful with port 0). */
export function listen(server: http.Server, port: number, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops accepting connections, closes idle keep-alive ones and resolves when the server is closed. */
export function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeIdleConnections();
  });
}
