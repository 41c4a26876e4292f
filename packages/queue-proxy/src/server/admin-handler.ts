// The admin port: `/wait-for-drain`, which the user container's preStop hook
// calls and which answers once the drain is over, and `/healthz`.
import type http from 'node:http';
import { HEALTH_CHECK_PATH, WAIT_FOR_DRAIN_PATH } from '@knot/api';
import type { Drainer } from '../drain/drainer.js';
import { pathOf, sendText } from '../proxy/send-text.js';

export function createAdminHandler(drainer: Drainer): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  return (req, res) => {
    const path = pathOf(req.url);
    if (path === WAIT_FOR_DRAIN_PATH) {
      void drainer.waitForDrain().then(() => {
        if (!res.headersSent && !res.destroyed) sendText(res, 200, 'drained');
      });
    } else if (path === HEALTH_CHECK_PATH) {
      sendText(res, 200, 'ok');
    } else {
      sendText(res, 404, `not found: the admin port serves ${WAIT_FOR_DRAIN_PATH} and ${HEALTH_CHECK_PATH}`);
    }
  };
}
