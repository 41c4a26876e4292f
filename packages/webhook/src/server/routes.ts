import { admitConfigMap } from '../admission/config-validation.js';
import { admitDefaulting } from '../admission/defaulting.js';
import { admitValidation } from '../admission/validation.js';
import { parseAdmissionReview, reviewResponse } from '../admission/admission-review.js';
import type { ServingConfigSource } from '../config/serving-configs.js';
import { convertObjects } from '../conversion/convert-objects.js';
import { conversionResponse, parseConversionReview } from '../conversion/conversion-review.js';
import type { ReviewHandler } from './webhook-handler.js';

/** The paths Knative's serving webhook serves, which the webhook configurations and CRDs name. */
export const WEBHOOK_PATHS = {
  defaulting: '/defaulting',
  validation: '/resource-validation',
  configValidation: '/config-validation',
  conversion: '/resource-conversion',
} as const;

export interface RouteOptions {
  readonly configs: ServingConfigSource;
  /** Config maps are validated in this namespace only. */
  readonly systemNamespace: string;
}

export function webhookRoutes(opts: RouteOptions): Record<string, ReviewHandler> {
  return {
    [WEBHOOK_PATHS.defaulting]: (body) => reviewResponse(admitDefaulting(parseAdmissionReview(body), opts.configs())),
    [WEBHOOK_PATHS.validation]: (body) => reviewResponse(admitValidation(parseAdmissionReview(body), opts.configs())),
    [WEBHOOK_PATHS.configValidation]: (body) => reviewResponse(admitConfigMap(parseAdmissionReview(body), opts.systemNamespace)),
    [WEBHOOK_PATHS.conversion]: (body) => conversionResponse(convertObjects(parseConversionReview(body))),
  };
}
