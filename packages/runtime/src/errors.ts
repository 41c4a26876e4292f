/**
 * API errors with the Kubernetes status reasons as stable codes, so callers can
 * branch on `err.code` whichever `Client` implementation produced them.
 */
export type ApiErrorCode =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'Gone'
  | 'BadRequest'
  | 'Forbidden'
  | 'Unauthorized'
  | 'MethodNotAllowed'
  | 'Timeout'
  | 'InternalError';

const HTTP_STATUS: Record<ApiErrorCode, number> = {
  BadRequest: 400,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  MethodNotAllowed: 405,
  AlreadyExists: 409,
  Conflict: 409,
  Gone: 410,
  Invalid: 422,
  Timeout: 504,
  InternalError: 500,
};

/** One failing field, as in a Kubernetes Status's `details.causes`. */
export interface StatusCause {
  readonly field: string;
  readonly message: string;
  readonly reason?: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly causes: readonly StatusCause[];

  constructor(code: ApiErrorCode, message: string, causes: readonly StatusCause[] = []) {
    super(message);
    this.code = code;
    this.status = HTTP_STATUS[code];
    this.causes = causes;
  }

  /** The error as a Kubernetes `Status` object, for servers that speak the REST shape. */
  toStatus(): Record<string, unknown> {
    return {
      apiVersion: 'v1',
      kind: 'Status',
      status: 'Failure',
      message: this.message,
      reason: this.code,
      code: this.status,
      ...(this.causes.length > 0 ? { details: { causes: this.causes } } : {}),
    };
  }
}

export function isApiError(err: unknown, code?: ApiErrorCode): err is ApiError {
  return err instanceof ApiError && (code === undefined || err.code === code);
}

export const isNotFound = (err: unknown): err is ApiError => isApiError(err, 'NotFound');
export const isAlreadyExists = (err: unknown): err is ApiError => isApiError(err, 'AlreadyExists');
export const isConflict = (err: unknown): err is ApiError => isApiError(err, 'Conflict');
export const isGone = (err: unknown): err is ApiError => isApiError(err, 'Gone');
export const isInvalid = (err: unknown): err is ApiError => isApiError(err, 'Invalid');

/** Maps an HTTP status and Kubernetes reason onto an error code. */
export function codeFromStatus(status: number, reason?: string): ApiErrorCode {
  if (reason && reason in HTTP_STATUS) return reason as ApiErrorCode;
  switch (status) {
    case 400: return 'BadRequest';
    case 401: return 'Unauthorized';
    case 403: return 'Forbidden';
    case 404: return 'NotFound';
    case 405: return 'MethodNotAllowed';
    case 409: return 'Conflict';
    case 410: return 'Gone';
    case 422: return 'Invalid';
    case 504: return 'Timeout';
    default: return 'InternalError';
  }
}
