// apiextensions.k8s.io/v1 ConversionReview: the API server sends objects of one kind in
// stored or requested versions and wants them all in `desiredAPIVersion`.
import { get, isRecord, kindOf } from '../json.js';
import { badReview } from '../server/http-error.js';

export const CONVERSION_API_VERSION = 'apiextensions.k8s.io/v1';

export interface ConversionRequest {
  readonly uid: string;
  readonly desiredAPIVersion: string;
  readonly objects: readonly unknown[];
}

export interface ConversionResponse {
  readonly uid: string;
  readonly convertedObjects: readonly unknown[];
  readonly result: { readonly status: 'Success' | 'Failure'; readonly message?: string };
}

export interface ConversionReviewResponse {
  readonly apiVersion: typeof CONVERSION_API_VERSION;
  readonly kind: 'ConversionReview';
  readonly response: ConversionResponse;
}

/** The request of a ConversionReview; throws BadReview naming the field when it cannot be answered. */
export function parseConversionReview(body: unknown): ConversionRequest {
  if (!isRecord(body)) throw badReview(`expected a ConversionReview object, got ${kindOf(body)}`);
  const apiVersion = get(body, 'apiVersion');
  if (apiVersion !== CONVERSION_API_VERSION) throw badReview(`apiVersion: expected ${CONVERSION_API_VERSION}, got ${show(apiVersion)}`);
  if (get(body, 'kind') !== 'ConversionReview') throw badReview(`kind: expected ConversionReview, got ${show(get(body, 'kind'))}`);
  const request = get(body, 'request');
  if (!isRecord(request)) throw badReview(`request: expected an object, got ${kindOf(request)}`);
  const uid = get(request, 'uid');
  if (typeof uid !== 'string' || uid === '') throw badReview(`request.uid: expected a non-empty string, got ${show(uid)}`);
  const desiredAPIVersion = get(request, 'desiredAPIVersion');
  const objects = get(request, 'objects');
  return {
    uid,
    desiredAPIVersion: typeof desiredAPIVersion === 'string' ? desiredAPIVersion : '',
    objects: Array.isArray(objects) ? (objects as unknown[]) : [],
  };
}

function show(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : kindOf(v);
}

export function conversionResponse(response: ConversionResponse): ConversionReviewResponse {
  return { apiVersion: CONVERSION_API_VERSION, kind: 'ConversionReview', response };
}
