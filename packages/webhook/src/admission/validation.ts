import type { ServingConfigs } from '../config/serving-configs.js';
import type { AdmissionRequest, AdmissionResponse } from './admission-review.js';
import { admitServingObject } from './admit-serving-object.js';
import { allow, denyFieldErrors } from './responses.js';

const PREFIX = 'validation failed';

/**
 * The validating endpoint: every field error of the object, with the stored object on
 * UPDATE for the immutability rules. Status writes are not validated.
 */
export function admitValidation(req: AdmissionRequest, configs: ServingConfigs): AdmissionResponse {
  return admitServingObject(req, PREFIX, ({ kind, object, original }) => {
    const errors = kind.validate(object, { defaults: configs.defaults, autoscaler: configs.autoscaler, features: configs.features, clusterDomain: configs.clusterDomain, original });
    return errors.length === 0 ? allow(req.uid) : denyFieldErrors(req.uid, PREFIX, errors);
  });
}
