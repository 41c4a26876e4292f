export type RouteErrorCode =
  /** A placeholder Service or Endpoints of the route's name is controlled by something else. */
  'NotOwned';

/** Why a Route could not be reconciled; retried with backoff like any error. */
export class RouteError extends Error {
  override readonly name = 'RouteError';
  readonly code: RouteErrorCode;

  constructor(code: RouteErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
