// An HTTP/1.1 Upgrade request (websockets): the handshake goes to the pod, and
// once it answers 101 the two sockets are joined until either side closes. The
// pod's slot is held for the connection's life.
import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { PodTracker } from '../throttler/pod-tracker.js';
import type { RevisionEntry } from '../revisions/revision-registry.js';
import { Admission, type AdmissionContext } from './admission.js';
import { requestAuthority, requestHeaders } from './headers.js';

export class UpgradeAdmission extends Admission {
  readonly #req: http.IncomingMessage;
  readonly #socket: Duplex;
  readonly #head: Buffer;
  #upstream: http.ClientRequest | undefined;
  #status = 0;

  constructor(ctx: AdmissionContext, entry: RevisionEntry, req: http.IncomingMessage, socket: Duplex, head: Buffer) {
    super(ctx, entry);
    this.#req = req;
    this.#socket = socket;
    this.#head = head;
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.abortUpstream();
      this.end(this.#status || 499);
    });
  }

  protected forward(tracker: PodTracker): void {
    const req = this.#req;
    const headers = requestHeaders(req.headers, true);
    const authority = requestAuthority(req.headers);
    if (authority !== undefined) headers.host = authority;
    // The socket leaves any pool once upgraded, so it is not taken from one.
    const up = http.request({ host: tracker.target.ip, port: tracker.target.port, method: req.method, path: req.url, headers, agent: false });
    this.#upstream = up;
    up.on('upgrade', (res, podSocket, podHead) => {
      this.responseStarted();
      this.#status = 101;
      const client = this.#socket;
      client.write(responseHead(res));
      if (podHead.length > 0) client.write(podHead);
      if (this.#head.length > 0) podSocket.write(this.#head);
      podSocket.on('error', () => client.destroy());
      podSocket.on('close', () => client.destroy());
      client.on('close', () => podSocket.destroy());
      podSocket.pipe(client);
      client.pipe(podSocket);
    });
    // The pod declined the upgrade: relay its answer as is.
    up.on('response', (res) => {
      this.responseStarted();
      this.#status = res.statusCode ?? 502;
      this.#socket.write(responseHead(res));
      res.pipe(this.#socket);
    });
    up.on('error', (err) => {
      if (this.#status === 0) this.reject(502, `error reaching revision ${this.entry.key} at ${tracker.address}: ${(err as NodeJS.ErrnoException).code ?? err.message}`);
      else this.abortAll();
    });
    up.end();
  }

  protected reject(status: number, message: string): void {
    this.#status = status;
    writeRawError(this.#socket, status, message);
    this.end(status);
  }

  protected abortUpstream(): void {
    this.#upstream?.destroy();
    this.#upstream = undefined;
  }

  protected abortAll(): void {
    this.abortUpstream();
    this.#socket.destroy();
    this.end(this.#status || 504);
  }
}

/** A status line and headers as raw HTTP/1.1 text. */
function responseHead(res: http.IncomingMessage): string {
  let head = `HTTP/1.1 ${res.statusCode ?? 502} ${res.statusMessage ?? ''}\r\n`;
  for (let i = 0; i < res.rawHeaders.length; i += 2) head += `${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`;
  return `${head}\r\n`;
}

/** An error answer on a socket no node:http response object owns, then close it. */
export function writeRawError(socket: Duplex, status: number, message: string): void {
  if (socket.destroyed) return;
  const body = `${message}\n`;
  socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}
