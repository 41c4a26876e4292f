// The stats port: `/metrics` answers the last period's Stat as JSON when asked
// for `application/json` (what the autoscaler does), else as Prometheus text.
import type http from 'node:http';
import { formatStatPrometheus, STATS_CONTENT_TYPE_JSON, STATS_PATH, type Stat } from '@knot/api';
import { pathOf, sendText } from '../proxy/send-text.js';

export function createStatsHandler(current: () => Stat): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  return (req, res) => {
    if (pathOf(req.url) !== STATS_PATH) return sendText(res, 404, `not found: the stats are on ${STATS_PATH}`);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'method not allowed: use GET', { allow: 'GET, HEAD' });
    const json = (req.headers.accept ?? '').includes(STATS_CONTENT_TYPE_JSON);
    const body = json ? JSON.stringify(current()) : formatStatPrometheus(current());
    res.writeHead(200, {
      'content-type': json ? STATS_CONTENT_TYPE_JSON : 'text/plain; version=0.0.4; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
