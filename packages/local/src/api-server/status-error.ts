// Failures the local API answers with a Kubernetes `Status`. Client errors
// (ApiError) carry their own reason; RequestError covers what only an HTTP
// server can get wrong (body size, media types), which ApiError has no code for.
import { ApiError, type StatusCause } from '@knot/runtime';

export type RequestErrorCode = 'RequestEntityTooLarge' | 'UnsupportedMediaType' | 'NotAcceptable';

const HTTP_STATUS: Readonly<Record<RequestErrorCode, number>> = {
  RequestEntityTooLarge: 413,
  UnsupportedMediaType: 415,
  NotAcceptable: 406,
};

export class RequestError extends Error {
  override readonly name = 'RequestError';
  readonly code: RequestErrorCode;
  readonly status: number;

  constructor(code: RequestErrorCode, message: string) {
    super(message);
    this.code = code;
    this.status = HTTP_STATUS[code];
  }
}

export interface StatusReply {
  readonly httpStatus: number;
  readonly body: Record<string, unknown>;
}

/** A `Status` with the given reason, as kube-apiserver words its failures. */
export function failureStatus(httpStatus: number, reason: string, message: string, causes: readonly StatusCause[] = []): StatusReply {
  return {
    httpStatus,
    body: {
      apiVersion: 'v1',
      kind: 'Status',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      code: httpStatus,
      ...(causes.length > 0 ? { details: { causes } } : {}),
    },
  };
}

/** The Status for anything a handler threw; only unexpected errors become a 500. */
export function statusOf(err: unknown): StatusReply {
  if (err instanceof ApiError) return { httpStatus: err.status, body: { metadata: {}, ...err.toStatus() } };
  if (err instanceof RequestError) return failureStatus(err.status, err.code, err.message);
  return failureStatus(500, 'InternalError', `Internal error occurred: ${err instanceof Error ? err.message : String(err)}`);
}

/** kube-apiserver's answer to a path or resource it does not serve. */
export function notFound(message = 'the server could not find the requested resource'): ApiError {
  return new ApiError('NotFound', message);
}

export function badRequest(message: string, causes: readonly StatusCause[] = []): ApiError {
  return new ApiError('BadRequest', message, causes);
}
