import type { ServingConfigs } from '../config/serving-configs.js';
import { formatGvk, type AdmissionRequest, type AdmissionResponse } from './admission-review.js';
import { describeError, isBeingDeleted, isObjectWrite, requestObjects } from './request-objects.js';
import { allow, deny, denyFieldErrors } from './responses.js';
import { servingKind } from './serving-kinds.js';

const PREFIX = 'validation failed';

/**
 * The validating endpoint: every field error of the object, with the stored object on
 * UPDATE for the immutability rules. Status writes are not validated.
 */
export function admitValidation(req: AdmissionRequest, configs: ServingConfigs): AdmissionResponse {
  const kind = servingKind(req.kind);
  if (!kind) return deny(req.uid, `${PREFIX}: unhandled kind: ${formatGvk(req.kind)}`);
  if (!isObjectWrite(req)) return allow(req.uid);
  const objects = requestObjects(req);
  if ('problem' in objects) return deny(req.uid, `${PREFIX}: ${objects.problem}`);
  if (objects.original && isBeingDeleted(objects.object)) return allow(req.uid);
  try {
    const errors = kind.validate(objects.object, {
      defaults: configs.defaults,
      autoscaler: configs.autoscaler,
      features: configs.features,
      clusterDomain: configs.clusterDomain,
      original: objects.original,
    });
    return errors.length === 0 ? allow(req.uid) : denyFieldErrors(req.uid, PREFIX, errors);
  } catch (err) {
    return deny(req.uid, `${PREFIX}: ${describeError(err)}`);
  }
}
