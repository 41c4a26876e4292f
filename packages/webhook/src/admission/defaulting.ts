import type { ServingConfigs } from '../config/serving-configs.js';
import { createJsonPatch } from '../patch/json-diff.js';
import { formatGvk, type AdmissionRequest, type AdmissionResponse } from './admission-review.js';
import { describeError, isBeingDeleted, isObjectWrite, requestObjects } from './request-objects.js';
import { allow, allowWithPatch, deny } from './responses.js';
import { servingKind } from './serving-kinds.js';

const PREFIX = 'mutation failed';

/**
 * The mutating endpoint: the Serving defaults plus serving.knative.dev/creator and
 * lastModifier from the requesting user, returned as the JSON patch from the object
 * as sent to the object as defaulted.
 */
export function admitDefaulting(req: AdmissionRequest, configs: ServingConfigs): AdmissionResponse {
  const kind = servingKind(req.kind);
  if (!kind) return deny(req.uid, `${PREFIX}: unhandled kind: ${formatGvk(req.kind)}`);
  if (!isObjectWrite(req)) return allow(req.uid);
  const objects = requestObjects(req);
  if ('problem' in objects) return deny(req.uid, `${PREFIX}: ${objects.problem}`);
  if (objects.original && isBeingDeleted(objects.object)) return allow(req.uid);
  try {
    const defaulted = kind.setDefaults(objects.object, {
      defaults: configs.defaults,
      features: configs.features,
      original: objects.original,
      user: req.username || undefined,
    });
    return allowWithPatch(req.uid, createJsonPatch(objects.object, defaulted));
  } catch (err) {
    return deny(req.uid, `${PREFIX}: ${describeError(err)}`);
  }
}
