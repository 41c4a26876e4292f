// The local API: a Client (in `knot dev`, the embedded store) served over HTTP
// in the Kubernetes REST shape, so kubectl, @kubernetes/client-node and knot's
// KubeClient work against it through a kubeconfig.
import type http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { ALL_RESOURCES, type ResourceType } from '@knot/api';
import { closeServer, listen, systemClock, type Client, type Clock, type Logger, type RunningComponent } from '@knot/runtime';
import type { Admission } from './admission.js';
import { ApiHandler } from './api-handler.js';
import { bearerMatcher, newToken } from './bearer-auth.js';
import { Discovery } from './discovery.js';
import { knotAdmission } from './knot-admission.js';
import { LOCAL_API_USER } from './kubeconfig.js';
import { OpenApi } from './openapi.js';
import { DEFAULT_MAX_BODY_BYTES } from './read-body.js';
import { ServedResources } from './served-resources.js';
import { servingCertificate } from './serving-certificate.js';
import { TablePrinter } from './table.js';

export interface ApiServerDeps {
  readonly client: Client;
  readonly logger: Logger;
  /** Stops the server (and ends every watch) when aborted. */
  readonly signal: AbortSignal;
  /** 0 picks a free port; the bound one is reported. */
  readonly port: number;
  /** Default 127.0.0.1: the API is for this machine only. */
  readonly host?: string;
  /** Runs on every create and update; default: knot's Serving and config-map admission over `client`. */
  readonly admission?: Admission;
  /** The bearer token every request but the probes must carry; default a fresh random one. */
  readonly token?: string;
  /** Who the token stands for, in serving.knative.dev/creator and lastModifier; default knot-dev-admin. */
  readonly user?: string;
  /** The kinds served; default every kind knot uses. */
  readonly resources?: readonly ResourceType[];
  /** Timers of watches (timeouts, bookmarks); default the system clock. Not used for the certificate's validity. */
  readonly clock?: Clock;
  /** Default 3 MiB, as kube-apiserver. */
  readonly maxBodyBytes?: number;
  /** How often watches that allow bookmarks get one; default 60 s. */
  readonly bookmarkIntervalMs?: number;
  /** For generateName suffixes; default Math.random. */
  readonly random?: () => number;
}

export interface RunningApiServer extends RunningComponent {
  readonly port: number;
  /** https://host:port, for a kubeconfig. */
  readonly url: string;
  /** PEM of the CA that signed the serving certificate, for a kubeconfig's certificate-authority-data. */
  readonly caCert: string;
  readonly token: string;
  readonly user: string;
}

// kube-apiserver ends a watch without timeoutSeconds after 30 to 60 minutes; clients then resume.
const DEFAULT_WATCH_TIMEOUT_MS = 30 * 60 * 1000;
const MAX_WATCH_BUFFER_BYTES = 16 * 1024 * 1024;
// A new CA is made at every start (and the kubeconfig written again), so a long validity costs nothing.
const CERT_VALIDITY_MS = 365 * 24 * 60 * 60 * 1000;

export async function startApiServer(deps: ApiServerDeps): Promise<RunningApiServer> {
  const log = deps.logger.child({ component: 'local-api' });
  const host = deps.host ?? '127.0.0.1';
  const token = deps.token ?? newToken();
  const user = deps.user ?? LOCAL_API_USER;
  const maxBodyBytes = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) throw new RangeError(`startApiServer: maxBodyBytes must be a positive integer, got ${maxBodyBytes}`);
  const bookmarkIntervalMs = deps.bookmarkIntervalMs ?? 60_000;
  if (!(bookmarkIntervalMs > 0)) throw new RangeError(`startApiServer: bookmarkIntervalMs must be positive, got ${bookmarkIntervalMs}`);
  const clock = deps.clock ?? systemClock;
  const served = new ServedResources(deps.resources ?? ALL_RESOURCES);
  // Clients check the certificate against the wall clock, whatever clock drives the watch timers.
  const tls = servingCertificate({ hosts: [host], now: new Date(), validityMs: CERT_VALIDITY_MS });
  let stopping = false;
  let address = '';

  const handler = new ApiHandler({
    client: deps.client,
    admission: deps.admission ?? knotAdmission({ client: deps.client, logger: log }),
    served,
    discovery: new Discovery(served),
    openApi: new OpenApi(served),
    authenticate: bearerMatcher(token),
    user,
    maxBodyBytes,
    random: deps.random ?? Math.random,
    tables: new TablePrinter(clock),
    watch: { client: deps.client, clock, bookmarkIntervalMs, defaultTimeoutMs: DEFAULT_WATCH_TIMEOUT_MS, maxBufferedBytes: MAX_WATCH_BUFFER_BYTES },
    serverAddress: () => address,
    readiness: () => (stopping ? ['shutting down'] : []),
    logger: log,
  });
  // Unparseable requests get node's own 400 (431 for oversized headers) and a closed connection.
  const server = https.createServer({ key: tls.key, cert: tls.cert }, handler.handle);
  let inFlight = 0;
  server.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    inFlight++;
    res.on('close', () => {
      inFlight--;
      if (stopping && inFlight === 0) server.closeAllConnections();
    });
  });
  const port = await listen(server, deps.port, host);
  address = `${host.includes(':') ? `[${host}]` : host}:${(server.address() as AddressInfo).port}`;
  log.info({ address }, 'local API listening');

  const done = (async () => {
    if (!deps.signal.aborted) await new Promise<void>((resolve) => deps.signal.addEventListener('abort', () => resolve(), { once: true }));
    stopping = true;
    handler.stopWatches();
    const closed = closeServer(server);
    // Kept-alive sockets go once no request is being answered on any of them.
    if (inFlight === 0) server.closeAllConnections();
    await closed;
    log.info({}, 'local API stopped');
  })();
  return { port, url: `https://${address}`, caCert: tls.caCert, token, user, done };
}
