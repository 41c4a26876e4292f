// Liveness, readiness and startup probes of serving containers and sidecars.
import type { FieldErrors } from '../../field-error.js';
import { oneOfProblem } from './messages.js';
import { get, kindOf, readInt, readObj } from './shape.js';
import type { Obj } from './shape.js';

const HANDLERS = ['httpGet', 'tcpSocket', 'exec', 'grpc'] as const;

/** The port requests are served on: its name (`http` when unnamed) is what probes may refer to. */
export interface ServingPort {
  readonly name: string;
  readonly containerPort: number;
}

/**
 * One probe; `errs` sits at it. `servingPort` is set for the serving container, whose probes
 * go through queue-proxy and so may only name its serving port; sidecars must name a port.
 */
export function validateProbe(probe: Obj, servingPort: ServingPort | undefined, errs: FieldErrors): void {
  const set = HANDLERS.filter((h) => readObj(probe, h, errs) !== undefined);
  const problem = oneOfProblem(set, HANDLERS);
  if (problem) errs.add('', problem);
  for (const h of ['httpGet', 'tcpSocket'] as const) {
    const handler = readObj(probe, h, errs);
    if (!handler) continue;
    const port = get(handler, 'port');
    if (port !== undefined && port !== null && typeof port !== 'string' && typeof port !== 'number') {
      errs.add(`${h}.port`, `expected an integer or a port name, got ${kindOf(port)}`);
    } else if (servingPort) {
      if (typeof port === 'string' && port !== '' && port !== servingPort.name) {
        errs.add(`${h}.port`, `must match the container port name ${JSON.stringify(servingPort.name)}, got ${JSON.stringify(port)}`);
      }
    } else if (port === undefined || port === null || port === '' || port === 0) {
      errs.add(`${h}.port`, 'a sidecar probe must name its port');
    }
  }
  for (const key of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    readInt(probe, key, errs);
  }
}

/**
 * The extra rules for readiness probes. Zero thresholds are left alone: defaulting turns
 * them into Kubernetes' values (success 1; failure 3 and timeout 1 when a period is set).
 */
export function validateReadinessProbe(probe: Obj, servingPort: ServingPort | undefined, errs: FieldErrors): void {
  validateProbe(probe, servingPort, errs);
  // Wrong types were reported by validateProbe; here they count as unset.
  const num = (key: string): number => {
    const v = get(probe, key);
    return typeof v === 'number' && Number.isSafeInteger(v) ? v : 0;
  };
  const period = num('periodSeconds');
  if (period < 0) errs.add('periodSeconds', `must not be negative, got ${period}`);
  const delay = num('initialDelaySeconds');
  if (delay < 0) errs.add('initialDelaySeconds', `must not be negative, got ${delay}`);
  const success = num('successThreshold');
  if (success < 0) errs.add('successThreshold', `must be at least 1, got ${success}`);
  const timeout = num('timeoutSeconds');
  const failure = num('failureThreshold');
  if (period === 0) {
    // Without a period queue-proxy probes aggressively until ready, so these knobs mean nothing.
    if (failure !== 0) errs.add('failureThreshold', 'must not be set when periodSeconds is 0');
    if (timeout !== 0) errs.add('timeoutSeconds', 'must not be set when periodSeconds is 0');
  } else {
    if (timeout < 0) errs.add('timeoutSeconds', `must be at least 1, got ${timeout}`);
    if (failure < 0) errs.add('failureThreshold', `must be at least 1, got ${failure}`);
  }
}
