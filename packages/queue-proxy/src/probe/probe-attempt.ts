// One try of a readiness probe against the user container, as kubelet would run
// it: a TCP dial, an HTTP GET (200-399 passes), or a gRPC health check. Each
// resolves with undefined on success or the reason it failed; none throws.
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import net from 'node:net';
import { KUBE_PROBE_USER_AGENT_PREFIX, type QueueProxyProbe } from '@knot/api';
import type { Clock } from '@knot/runtime';

/** Runs one probe try within `timeoutMs`; undefined means it passed. */
export type ProbeAttempt = (probe: QueueProxyProbe, timeoutMs: number) => Promise<string | undefined>;

const LOCALHOST = '127.0.0.1';
/** Kubelet's User-Agent prefix, so apps that treat kubelet probes specially do the same here. */
const USER_AGENT = `${KUBE_PROBE_USER_AGENT_PREFIX}queue-proxy`;
/** grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING */
const GRPC_SERVING = 1;

export function createProbeAttempt(clock: Clock): ProbeAttempt {
  return (probe, timeoutMs) => {
    if (probe.httpGet) return withTimeout(clock, timeoutMs, (done) => httpAttempt(probe.httpGet!, done));
    if (probe.tcpSocket) return withTimeout(clock, timeoutMs, (done) => tcpAttempt(probe.tcpSocket!.host || LOCALHOST, probe.tcpSocket!.port, done));
    if (probe.grpc) return withTimeout(clock, timeoutMs, (done) => grpcAttempt(probe.grpc!.port, probe.grpc!.service ?? '', done));
    return Promise.resolve('the probe has no httpGet, tcpSocket or grpc action');
  };
}

type Done = (failure: string | undefined) => void;

/** Runs `attempt`, failing it when `timeoutMs` passes first; the abort function it returns cleans up. */
function withTimeout(clock: Clock, timeoutMs: number, attempt: (done: Done) => () => void): Promise<string | undefined> {
  return new Promise((resolve) => {
    let settled = false;
    let abort: () => void = () => undefined;
    const timer = clock.setTimeout(() => finish(`no answer within ${timeoutMs} ms`), timeoutMs);
    function finish(failure: string | undefined): void {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      abort();
      resolve(failure);
    }
    try {
      abort = attempt(finish);
    } catch (err) {
      finish(reason(err));
    }
  });
}

function tcpAttempt(host: string, port: number, done: Done): () => void {
  const socket = net.connect({ host, port });
  socket.once('connect', () => done(undefined));
  socket.once('error', (err) => done(`dial ${host}:${port}: ${reason(err)}`));
  return () => socket.destroy();
}

function httpAttempt(get: NonNullable<QueueProxyProbe['httpGet']>, done: Done): () => void {
  const host = get.host || LOCALHOST;
  const headers: Record<string, string> = { 'user-agent': USER_AGENT };
  for (const h of get.httpHeaders ?? []) headers[h.name.toLowerCase()] = h.value;
  const path = `/${(get.path ?? '').replace(/^\/+/, '')}`;
  const options = { host, port: get.port, path, headers, agent: false as const };
  const req = get.scheme === 'HTTPS' ? https.get({ ...options, rejectUnauthorized: false }, onResponse) : http.get(options, onResponse);
  function onResponse(res: http.IncomingMessage): void {
    const status = res.statusCode ?? 0;
    res.resume();
    done(status >= 200 && status < 400 ? undefined : `GET ${path} on port ${get.port} answered ${status}`);
  }
  req.once('error', (err) => done(`GET ${path} on port ${get.port}: ${reason(err)}`));
  return () => req.destroy();
}

/** grpc.health.v1.Health/Check over h2c, the message encoded by hand: it has one string field. */
function grpcAttempt(port: number, service: string, done: Done): () => void {
  const session = http2.connect(`http://${LOCALHOST}:${port}`);
  session.on('error', (err) => done(`gRPC health check on port ${port}: ${reason(err)}`));
  const name = Buffer.from(service, 'utf8');
  const message = name.length > 0 ? Buffer.concat([Buffer.from([0x0a, ...varint(name.length)]), name]) : Buffer.alloc(0);
  const frame = Buffer.alloc(5 + message.length);
  frame.writeUInt32BE(message.length, 1);
  message.copy(frame, 5);
  const stream = session.request({ ':method': 'POST', ':path': '/grpc.health.v1.Health/Check', 'content-type': 'application/grpc', te: 'trailers', 'user-agent': USER_AGENT });
  const chunks: Buffer[] = [];
  let grpcStatus: string | undefined;
  stream.on('response', (h) => (grpcStatus = h['grpc-status'] as string | undefined));
  stream.on('trailers', (h: http2.IncomingHttpHeaders) => (grpcStatus = (h['grpc-status'] as string | undefined) ?? grpcStatus));
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('error', (err) => done(`gRPC health check on port ${port}: ${reason(err)}`));
  stream.on('end', () => {
    if (grpcStatus !== '0') return done(`gRPC health check on port ${port} ended with grpc-status ${grpcStatus ?? 'missing'}`);
    const status = servingStatus(Buffer.concat(chunks));
    done(status === GRPC_SERVING ? undefined : `gRPC health check on port ${port} reported status ${status}`);
  });
  stream.end(frame);
  return () => session.destroy();
}

/** The status field (1, varint) of a HealthCheckResponse in a gRPC frame; 0 (UNKNOWN) when absent. */
function servingStatus(frame: Buffer): number {
  if (frame.length < 5) return 0;
  const msg = frame.subarray(5, 5 + frame.readUInt32BE(1));
  return msg.length >= 2 && msg[0] === 0x08 ? msg[1]! : 0;
}

function varint(n: number): number[] {
  const out: number[] = [];
  for (; n > 0x7f; n >>>= 7) out.push((n & 0x7f) | 0x80);
  out.push(n);
  return out;
}

function reason(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
}
