export type ServerlessServiceErrorCode =
  /** A Service or Endpoints of the SKS's name is controlled by something else. */
  | 'NotOwned'
  /** spec.objectRef names no Deployment in the cache. */
  | 'ScaleTargetNotFound'
  /** spec.objectRef is not an apps/v1 Deployment, or its selector has no labels. */
  | 'UnsupportedScaleTarget';

/** Why an SKS could not be reconciled; retried with backoff like any error. */
export class ServerlessServiceError extends Error {
  override readonly name = 'ServerlessServiceError';
  readonly code: ServerlessServiceErrorCode;

  constructor(code: ServerlessServiceErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
