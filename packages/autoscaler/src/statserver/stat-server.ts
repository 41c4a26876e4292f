// The websocket server activators push their per-revision stats to (Knative's
// statserver): each frame is a JSON array of StatMessage. A bad frame is logged
// and dropped, the connection and the server stay up. Kubelet probes get 200.
import http from 'node:http';
import { KUBE_PROBE_USER_AGENT_PREFIX, KUBELET_PROBE_HEADER_LOWER, parseStatMessages, type StatMessage } from '@knot/api';
import { closeServer, listen, type Logger } from '@knot/runtime';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

/** A frame carries a few hundred bytes per revision; anything far larger closes that connection (1009). */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;
/** Close code telling activators to reconnect at once (Knative's closeCodeServiceRestart). */
export const CLOSE_SERVICE_RESTART = 1012;
/** How long closing waits for activators to answer the close frame. */
const CLOSE_GRACE_MS = 1000;

export interface StatServerOptions {
  /** AUTOSCALER_STATS_PORT (8080); 0 picks a free one. */
  readonly port: number;
  readonly host?: string;
  readonly logger: Logger;
  /** Called with every well-formed frame's messages. */
  readonly onStats: (messages: readonly StatMessage[]) => void;
  readonly maxFrameBytes?: number;
}

export interface StatServer {
  readonly port: number;
  /** Frames accepted and dropped so far. */
  readonly counts: { readonly accepted: number; readonly dropped: number };
  /** Tells connected activators to reconnect, and stops listening. */
  close(): Promise<void>;
}

function isKubeletProbe(req: http.IncomingMessage): boolean {
  return req.headers[KUBELET_PROBE_HEADER_LOWER] !== undefined || (req.headers['user-agent'] ?? '').startsWith(KUBE_PROBE_USER_AGENT_PREFIX);
}

function frameText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return Buffer.from(data).toString('utf8');
}

export async function startStatServer(opts: StatServerOptions): Promise<StatServer> {
  const logger = opts.logger.child({ component: 'stat-server' });
  const counts = { accepted: 0, dropped: 0 };
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxFrameBytes ?? MAX_FRAME_BYTES, perMessageDeflate: false });
  const server = http.createServer((req, res) => {
    if (isKubeletProbe(req)) {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      return;
    }
    res.writeHead(426, { 'content-type': 'text/plain', upgrade: 'websocket', connection: 'close' }).end('this port takes websocket connections from activators\n');
  });
  server.requestTimeout = 60_000;
  server.headersTimeout = 60_000;

  const onFrame = (data: RawData): void => {
    let messages: StatMessage[];
    try {
      messages = parseStatMessages(JSON.parse(frameText(data)));
    } catch (err) {
      counts.dropped++;
      logger.warn({ err: (err as Error).message }, 'dropped a stat frame');
      return;
    }
    counts.accepted++;
    try {
      opts.onStats(messages);
    } catch (err) {
      logger.error({ err }, 'handling stats failed');
    }
  };

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      logger.debug({ remote: req.socket.remoteAddress }, 'activator connected');
      ws.on('message', onFrame);
      ws.on('error', (err) => logger.debug({ err: err.message }, 'activator connection error'));
    });
  });
  const port = await listen(server, opts.port, opts.host);
  logger.info({ port }, 'stat server listening');

  return {
    port,
    counts,
    async close() {
      // Give each activator a moment to take the close frame, then cut what is left.
      const closed = [...wss.clients].map((ws) => new Promise<void>((resolve) => ws.once('close', () => resolve())));
      for (const ws of wss.clients) ws.close(CLOSE_SERVICE_RESTART, 'Restarting');
      const grace = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref());
      await Promise.race([Promise.all(closed), grace]);
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await closeServer(server);
    },
  };
}
