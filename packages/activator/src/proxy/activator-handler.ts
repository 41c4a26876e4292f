// The activator's front door on 8012 and 8013: probes answered here, then the
// revision named by the gateway's Knative-Serving-Namespace and
// Knative-Serving-Revision headers, then an admission that proxies the request.
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import {
  HASH_HEADER,
  HASH_HEADER_LOWER,
  KUBE_PROBE_USER_AGENT_PREFIX,
  KUBELET_PROBE_HEADER_LOWER,
  PROBE_HEADER,
  PROBE_HEADER_LOWER,
  PROBE_HEADER_VALUE,
  REVISION_HEADER_NAME,
  REVISION_HEADER_NAME_LOWER,
  REVISION_HEADER_NAMESPACE,
  REVISION_HEADER_NAMESPACE_LOWER,
} from '@knot/api';
import type { Readiness } from '@knot/runtime';
import type { RevisionEntry, RevisionRegistry } from '../revisions/revision-registry.js';
import { HttpAdmission, type ClientRequest, type ClientResponse, type HttpAdmissionContext } from './http-admission.js';
import { sendText } from './send-text.js';
import { UpgradeAdmission, writeRawError } from './upgrade-admission.js';

export interface ActivatorHandlerOptions extends HttpAdmissionContext {
  readonly registry: RevisionRegistry;
  readonly readiness: Readiness;
  /** False until the Revision and Endpoints caches are filled. */
  readonly synced: () => boolean;
}

type Resolved = { entry: RevisionEntry } | { status: number; message: string };

const MISSING_HEADERS = `missing ${REVISION_HEADER_NAMESPACE} or ${REVISION_HEADER_NAME} header: requests reach the activator through the gateway, which names the revision`;
const NOT_SYNCED = 'the activator is starting: revisions are not loaded yet';

export interface ActivatorHandler {
  readonly request: (req: ClientRequest, res: ClientResponse) => void;
  readonly upgrade: (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void;
}

export function createActivatorHandler(opts: ActivatorHandlerOptions): ActivatorHandler {
  const resolve = (headers: http.IncomingHttpHeaders): Resolved => {
    const namespace = headers[REVISION_HEADER_NAMESPACE_LOWER];
    const name = headers[REVISION_HEADER_NAME_LOWER];
    if (typeof namespace !== 'string' || namespace === '' || typeof name !== 'string' || name === '') return { status: 400, message: MISSING_HEADERS };
    if (!opts.synced()) return { status: 503, message: NOT_SYNCED };
    const entry = opts.registry.lookup(namespace, name);
    return entry ? { entry } : { status: 404, message: `revision ${namespace}/${name} not found` };
  };

  return {
    request: (req, res) => {
      const headers = req.headers;
      if (headers[PROBE_HEADER_LOWER] !== undefined) return answerNetworkProbe(headers, res);
      if (headers[KUBELET_PROBE_HEADER_LOWER] !== undefined || headers['user-agent']?.startsWith(KUBE_PROBE_USER_AGENT_PREFIX)) {
        const problems = opts.readiness.problems();
        return sendText(res, problems.length === 0 ? 200 : 503, problems.length === 0 ? 'ok' : problems.join(', '));
      }
      const found = resolve(headers);
      if ('status' in found) return sendText(res, found.status, found.message);
      new HttpAdmission(opts, found.entry, req, res).admit();
    },
    upgrade: (req, socket, head) => {
      const found = resolve(req.headers);
      if ('status' in found) return writeRawError(socket, found.status, found.message);
      new UpgradeAdmission(opts, found.entry, req, socket, head).admit();
    },
  };
}

/** Ingress probes (`K-Network-Probe: probe`) learn the activator is there; they echo K-Network-Hash. */
function answerNetworkProbe(headers: http.IncomingHttpHeaders, res: ClientResponse): void {
  if (headers[PROBE_HEADER_LOWER] !== PROBE_HEADER_VALUE) {
    return sendText(res, 400, `unexpected ${PROBE_HEADER} value ${JSON.stringify(headers[PROBE_HEADER_LOWER])}: the activator answers only ${JSON.stringify(PROBE_HEADER_VALUE)}`);
  }
  const hash = headers[HASH_HEADER_LOWER];
  if (typeof hash === 'string') res.setHeader(HASH_HEADER, hash);
  sendText(res, 200, 'activator');
}
