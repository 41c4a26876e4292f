// One HTTP/2 cleartext session per h2c backend, reused across requests and dropped when it ends.
import http2 from 'node:http2';
import type { Target } from '../backends/backend-pool.js';

export class H2cSessions {
  readonly #sessions = new Map<string, http2.ClientHttp2Session>();
  #closed = false;

  /** The live session to `target`, connecting when there is none. */
  get(target: Target): http2.ClientHttp2Session {
    const key = `${target.host}:${target.port}`;
    const existing = this.#sessions.get(key);
    if (existing && !existing.closed && !existing.destroyed) return existing;
    const host = target.host.includes(':') ? `[${target.host}]` : target.host;
    const session = http2.connect(`http://${host}:${target.port}`);
    const forget = () => {
      if (this.#sessions.get(key) === session) this.#sessions.delete(key);
    };
    // Errors reach the streams that were using the session; the session itself is just forgotten.
    session.on('error', forget);
    session.on('goaway', forget);
    session.on('close', forget);
    if (this.#closed) session.destroy();
    else this.#sessions.set(key, session);
    return session;
  }

  close(): void {
    this.#closed = true;
    for (const session of this.#sessions.values()) session.destroy();
    this.#sessions.clear();
  }
}
