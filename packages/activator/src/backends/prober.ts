// Asks a pod's queue-proxy whether it is ready for traffic: a request with
// `K-Network-Probe: queue` that queue-proxy answers itself with 200 and the
// body `queue`. Anything else, or no answer within the timeout, is a failure.
import http from 'node:http';
import http2 from 'node:http2';
import {
  ACTIVATOR_USER_AGENT,
  HEALTH_CHECK_PATH,
  PROBE_HEADER,
  PROBE_HEADER_VALUE_QUEUE,
  targetAddress,
  type EndpointTarget,
  type ProtocolType,
} from '@knot/api';
import type { Clock } from '@knot/runtime';
import type { H2cSessions } from '../proxy/h2c-sessions.js';

export type Probe = (target: EndpointTarget, protocol: ProtocolType) => Promise<boolean>;

export interface ProberOptions {
  readonly clock: Clock;
  readonly timeoutMs: number;
  readonly agent: http.Agent;
  readonly h2c: H2cSessions;
}

/** The answer is `queue`; more than a few bytes cannot be it. */
const MAX_BODY = 64;
const HTTP1_HEADERS = { [PROBE_HEADER]: PROBE_HEADER_VALUE_QUEUE, 'user-agent': ACTIVATOR_USER_AGENT };
const H2_HEADERS = { ':method': 'GET', ':path': HEALTH_CHECK_PATH, [PROBE_HEADER.toLowerCase()]: PROBE_HEADER_VALUE_QUEUE, 'user-agent': ACTIVATOR_USER_AGENT };

export function createProber(opts: ProberOptions): Probe {
  return (target, protocol) =>
    new Promise<boolean>((resolve) => {
      let settled = false;
      let abort: () => void = () => undefined;
      const timer = opts.clock.setTimeout(() => finish(false), opts.timeoutMs);
      /** `complete`: the exchange ended by itself, so the connection stays for reuse. */
      function finish(ok: boolean, complete = false): void {
        if (settled) return;
        settled = true;
        opts.clock.clearTimeout(timer);
        if (!complete) abort();
        resolve(ok);
      }
      const onBody = (status: number, body: NodeJS.ReadableStream) => {
        let text = '';
        body.setEncoding('utf8');
        body.on('data', (chunk: string) => {
          text += chunk;
          if (text.length > MAX_BODY) finish(false);
        });
        body.on('end', () => finish(status === 200 && text === PROBE_HEADER_VALUE_QUEUE, true));
        body.on('error', () => finish(false));
      };
      try {
        if (protocol === 'h2c') {
          const address = targetAddress(target);
          const stream = opts.h2c.get(address, target).request({ ...H2_HEADERS, ':authority': address }, { endStream: true });
          abort = () => stream.close(http2.constants.NGHTTP2_CANCEL);
          stream.on('response', (headers) => onBody(Number(headers[':status']), stream));
          stream.on('error', () => finish(false));
        } else {
          const req = http.get({ host: target.ip, port: target.port, path: HEALTH_CHECK_PATH, headers: HTTP1_HEADERS, agent: opts.agent }, (res) => onBody(res.statusCode ?? 0, res));
          abort = () => req.destroy();
          req.on('error', () => finish(false));
        }
      } catch {
        finish(false);
      }
    });
}
