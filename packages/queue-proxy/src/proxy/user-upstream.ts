// How queue-proxy reaches the user container on 127.0.0.1:$USER_PORT: HTTP/1.1
// over a keep-alive agent sized like Knative's transport, and one shared h2c
// session for requests that arrive over HTTP/2 (Knative's auto transport).
import http from 'node:http';
import http2 from 'node:http2';

export class UserUpstream {
  readonly host: string;
  readonly port: number;
  readonly agent: http.Agent;
  #session: http2.ClientHttp2Session | undefined;
  #closed = false;

  constructor(host: string, port: number, containerConcurrency: number) {
    this.host = host;
    this.port = port;
    // Knative keeps CC idle connections, or 1000 when unlimited; LIFO keeps the warmest one in use.
    const idle = containerConcurrency > 0 ? containerConcurrency : 1000;
    this.agent = new http.Agent({ keepAlive: true, maxFreeSockets: idle, scheduling: 'lifo' });
  }

  /** The h2c session to the app, opened when there is none. */
  session(): http2.ClientHttp2Session {
    const s = this.#session;
    if (s && !s.closed && !s.destroyed) return s;
    if (this.#closed) throw new Error('the upstream is closed');
    const session = http2.connect(`http://${this.host}:${this.port}`);
    const forget = () => {
      if (this.#session === session) this.#session = undefined;
    };
    session.on('close', forget);
    session.on('goaway', forget);
    // Errors reach the streams; the session only has to leave.
    session.on('error', forget);
    this.#session = session;
    return session;
  }

  close(): void {
    this.#closed = true;
    this.#session?.destroy();
    this.#session = undefined;
    this.agent.destroy();
  }
}
