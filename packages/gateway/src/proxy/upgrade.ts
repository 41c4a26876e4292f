// HTTP/1.1 upgrades (websockets): the handshake goes to the backend, and once it answers 101 the two sockets are spliced.
import http from 'node:http';
import type net from 'node:net';
import { forwardHeaders } from './headers.js';
import type { ProxyEnv } from './proxy-env.js';
import { routeRequest, upstreamFailure } from './route-request.js';
import { watchConnect } from './timeouts.js';

/** Response headers a relayed non-101 answer must not carry: the body is relayed decoded and the connection closed. */
const DROP_ON_RELAY: ReadonlySet<string> = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade']);

export function handleUpgrade(env: ProxyEnv, req: http.IncomingMessage, socket: net.Socket, head: Buffer): void {
  socket.on('error', () => socket.destroy());
  const routed = routeRequest(env, req.headers, req.url ?? '/');
  if (routed.kind === 'refuse') {
    env.metrics.failure(env.listener, routed.reason);
    env.metrics.request(env.listener, routed.status);
    writeRaw(socket, routed.status, routed.message, routed.location);
    return;
  }
  const { target } = routed;
  const headers = forwardHeaders({ rawHeaders: req.rawHeaders, headers: req.headers, split: routed.split, clientIp: socket.remoteAddress, upgrade: true });
  headers.push('Host', routed.authority);
  // Upgrades always speak HTTP/1.1, h2c ports included (they accept HTTP/1.1 too), and never share a pooled connection.
  const up = http.request({ host: target.host, port: target.port, method: req.method, path: req.url, headers, agent: false, setHost: false });
  watchConnect(env, up);
  up.on('upgrade', (ures, usocket, uhead) => {
    env.metrics.request(env.listener, 101);
    let lines = 'HTTP/1.1 101 Switching Protocols\r\n';
    for (let i = 0; i + 1 < ures.rawHeaders.length; i += 2) lines += `${ures.rawHeaders[i]}: ${ures.rawHeaders[i + 1]}\r\n`;
    socket.write(`${lines}\r\n`);
    if (uhead.length > 0) socket.write(uhead);
    if (head.length > 0) usocket.write(head);
    usocket.on('error', () => socket.destroy());
    socket.on('close', () => usocket.destroy());
    usocket.on('close', () => socket.destroy());
    usocket.pipe(socket).pipe(usocket);
  });
  up.on('response', (ures) => {
    // The backend declined the upgrade: relay its answer and close.
    env.metrics.request(env.listener, ures.statusCode ?? 502);
    let lines = `HTTP/1.1 ${ures.statusCode ?? 502} ${ures.statusMessage ?? ''}\r\n`;
    for (let i = 0; i + 1 < ures.rawHeaders.length; i += 2) {
      if (!DROP_ON_RELAY.has((ures.rawHeaders[i] as string).toLowerCase())) lines += `${ures.rawHeaders[i]}: ${ures.rawHeaders[i + 1]}\r\n`;
    }
    socket.write(`${lines}Connection: close\r\n\r\n`);
    ures.pipe(socket);
  });
  up.on('error', (err: Error & { code?: string }) => {
    const failure = upstreamFailure(target, err);
    env.metrics.failure(env.listener, failure.reason);
    env.metrics.request(env.listener, failure.status);
    writeRaw(socket, failure.status, failure.message);
  });
  socket.on('close', () => up.destroy());
  up.end();
}

function writeRaw(socket: net.Socket, status: number, message: string, location?: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = `${message}\n`;
  const loc = location ? `Location: ${location}\r\n` : '';
  socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}\r\n${loc}Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
