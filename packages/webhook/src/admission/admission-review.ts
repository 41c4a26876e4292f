// admission.k8s.io/v1 AdmissionReview: the one validating parser for what the API server
// sends, and the response shapes. A body that is not a review with a request uid cannot be
// answered with a review, so parsing it fails with an HttpError BadReview (HTTP 400).
import { get, isRecord, kindOf } from '../json.js';
import { badReview } from '../server/http-error.js';

export const ADMISSION_API_VERSION = 'admission.k8s.io/v1';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';
const OPERATIONS: readonly string[] = ['CREATE', 'UPDATE', 'DELETE', 'CONNECT'];

export interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/** What the handlers read from a request; everything else in it is ignored. */
export interface AdmissionRequest {
  readonly uid: string;
  readonly kind: GroupVersionKind;
  readonly subResource: string;
  readonly name: string;
  readonly namespace: string;
  readonly operation: Operation;
  readonly username: string;
  /** The object as it would be stored (CREATE, UPDATE); raw JSON, checked by each handler. */
  readonly object: unknown;
  /** The stored object (UPDATE, DELETE); the API server's null on CREATE reads as undefined. */
  readonly oldObject: unknown;
}

/** A Kubernetes Status, as AdmissionResponse.result carries it. */
export interface ResultStatus {
  readonly status: 'Success' | 'Failure';
  readonly message?: string;
  readonly reason?: string;
  readonly code?: number;
  readonly details?: { readonly causes: readonly StatusCause[] };
}

export interface StatusCause {
  readonly reason: string;
  readonly field: string;
  readonly message: string;
}

export interface AdmissionResponse {
  readonly uid: string;
  readonly allowed: boolean;
  readonly result?: ResultStatus;
  readonly patchType?: 'JSONPatch';
  /** Base64 of the JSON patch. */
  readonly patch?: string;
  readonly warnings?: readonly string[];
}

export interface AdmissionReviewResponse {
  readonly apiVersion: typeof ADMISSION_API_VERSION;
  readonly kind: 'AdmissionReview';
  readonly response: AdmissionResponse;
}

/**
 * The request of an AdmissionReview; throws BadReview naming the field when the review
 * cannot be answered. Problems with the object itself are left to the handlers, which
 * deny the request naming them.
 */
export function parseAdmissionReview(body: unknown): AdmissionRequest {
  if (!isRecord(body)) throw badReview(`expected an AdmissionReview object, got ${kindOf(body)}`);
  const apiVersion = get(body, 'apiVersion');
  if (apiVersion !== ADMISSION_API_VERSION) throw badReview(`apiVersion: expected ${ADMISSION_API_VERSION}, got ${show(apiVersion)}`);
  const kind = get(body, 'kind');
  if (kind !== 'AdmissionReview') throw badReview(`kind: expected AdmissionReview, got ${show(kind)}`);
  const request = get(body, 'request');
  if (!isRecord(request)) throw badReview(`request: expected an object, got ${kindOf(request)}`);
  const uid = get(request, 'uid');
  if (typeof uid !== 'string' || uid === '') throw badReview(`request.uid: expected a non-empty string, got ${show(uid)}`);
  const operation = get(request, 'operation');
  if (typeof operation !== 'string' || !OPERATIONS.includes(operation)) {
    throw badReview(`request.operation: expected one of ${OPERATIONS.join(', ')}, got ${show(operation)}`);
  }
  const gvk = get(request, 'kind');
  if (!isRecord(gvk) || typeof get(gvk, 'kind') !== 'string' || typeof get(gvk, 'version') !== 'string') {
    throw badReview('request.kind: expected {group, version, kind}');
  }
  const userInfo = get(request, 'userInfo');
  return {
    uid,
    kind: { group: str(get(gvk, 'group')), version: str(get(gvk, 'version')), kind: str(get(gvk, 'kind')) },
    subResource: str(get(request, 'subResource')),
    name: str(get(request, 'name')),
    namespace: str(get(request, 'namespace')),
    operation: operation as Operation,
    username: isRecord(userInfo) ? str(get(userInfo, 'username')) : '',
    object: get(request, 'object'),
    oldObject: get(request, 'oldObject') ?? undefined,
  };
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function show(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : kindOf(v);
}

/** `group/version, Kind=kind`, as Knative names kinds in its messages. */
export function formatGvk(gvk: GroupVersionKind): string {
  return `${gvk.group ? `${gvk.group}/` : ''}${gvk.version}, Kind=${gvk.kind}`;
}

export function reviewResponse(response: AdmissionResponse): AdmissionReviewResponse {
  return { apiVersion: ADMISSION_API_VERSION, kind: 'AdmissionReview', response };
}
