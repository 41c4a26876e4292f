import type { ServingConfigs } from '../config/serving-configs.js';
import { createJsonPatch } from '../patch/json-diff.js';
import type { AdmissionRequest, AdmissionResponse } from './admission-review.js';
import { admitServingObject } from './admit-serving-object.js';
import { allowWithPatch } from './responses.js';

/**
 * The mutating endpoint: the Serving defaults plus serving.knative.dev/creator and
 * lastModifier from the requesting user, returned as the JSON patch from the object
 * as sent to the object as defaulted.
 */
export function admitDefaulting(req: AdmissionRequest, configs: ServingConfigs): AdmissionResponse {
  return admitServingObject(req, 'mutation failed', ({ kind, object, original }) => {
    const defaulted = kind.setDefaults(object, { defaults: configs.defaults, features: configs.features, original, user: req.username || undefined });
    return allowWithPatch(req.uid, createJsonPatch(object, defaulted));
  });
}
