import { validateConfigMap } from '@knot/api';
import { get, isRecord, kindOf } from '../json.js';
import { formatGvk, type AdmissionRequest, type AdmissionResponse } from './admission-review.js';
import { describeError, isObjectWrite, requestObjects } from './request-objects.js';
import { allow, deny, denyFieldErrors } from './responses.js';

const PREFIX = 'validation failed';

/**
 * The config-map endpoint: a config map knot reads (config-defaults, config-autoscaler, ...)
 * in the system namespace is refused when a key holds a value knot cannot use.
 */
export function admitConfigMap(req: AdmissionRequest, systemNamespace: string): AdmissionResponse {
  if (req.kind.group !== '' || req.kind.version !== 'v1' || req.kind.kind !== 'ConfigMap') {
    return deny(req.uid, `${PREFIX}: unhandled kind: ${formatGvk(req.kind)}`);
  }
  if (!isObjectWrite(req)) return allow(req.uid);
  const objects = requestObjects(req);
  if ('problem' in objects) return deny(req.uid, `${PREFIX}: ${objects.problem}`);
  const meta = get(objects.object, 'metadata');
  const name = req.name || (isRecord(meta) && typeof get(meta, 'name') === 'string' ? (get(meta, 'name') as string) : '');
  if (req.namespace !== systemNamespace) return allow(req.uid);

  const data = get(objects.object, 'data');
  if (data !== undefined && data !== null && !isRecord(data)) return deny(req.uid, `${PREFIX}: ${name}: data: expected an object, got ${kindOf(data)}`);
  const strings: Record<string, string> = {};
  for (const [key, value] of Object.entries(data ?? {})) {
    if (typeof value !== 'string') return deny(req.uid, `${PREFIX}: ${name}: data[${key}]: expected a string, got ${kindOf(value)}`);
    Object.defineProperty(strings, key, { value, enumerable: true });
  }
  try {
    const errors = validateConfigMap(name, strings);
    return errors.length === 0 ? allow(req.uid) : denyFieldErrors(req.uid, `${PREFIX}: ${name}`, errors);
  } catch (err) {
    return deny(req.uid, `${PREFIX}: ${name}: ${describeError(err)}`);
  }
}
