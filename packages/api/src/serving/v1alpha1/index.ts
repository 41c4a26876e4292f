export type * from './configuration.js';
export type * from './revision.js';
export type * from './route.js';
export type * from './service.js';
export {
  CONVERTIBLE_KINDS,
  SERVING_V1,
  SERVING_V1ALPHA1,
  SERVING_V1BETA1,
  convertFromV1,
  convertServing,
  convertToV1,
} from './convert.js';
export type { ConversionResult, ConvertibleKind, ConvertOptions, ServingV1Object } from './convert.js';
export { LATEST_REVISION_NAME } from './convert-service.js';
