// One cleartext HTTP/2 (prior knowledge) session per pod, shared by every
// request and probe to it; a session that closes or fails is dropped and the
// next request opens a new one.
import http2 from 'node:http2';
import type { EndpointTarget } from '@knot/api';

export class H2cSessions {
  readonly #sessions = new Map<string, http2.ClientHttp2Session>();
  #closed = false;

  /** The open session to `address` (`ip:port`), connecting when there is none. */
  get(address: string, target: EndpointTarget): http2.ClientHttp2Session {
    const existing = this.#sessions.get(address);
    if (existing && !existing.closed && !existing.destroyed) return existing;
    if (this.#closed) throw new Error('h2c sessions are closed');
    const session = http2.connect(`http://${address}`, { host: target.ip, port: target.port });
    const forget = () => {
      if (this.#sessions.get(address) === session) this.#sessions.delete(address);
    };
    session.on('close', forget);
    session.on('goaway', forget);
    // Errors reach the streams; the session only has to leave the pool.
    session.on('error', forget);
    this.#sessions.set(address, session);
    return session;
  }

  /** Closes every session; later `get` calls throw. */
  close(): void {
    this.#closed = true;
    for (const s of this.#sessions.values()) s.destroy();
    this.#sessions.clear();
  }
}
