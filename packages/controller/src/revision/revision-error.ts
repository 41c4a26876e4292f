export type RevisionResourceErrorCode =
  /** A Deployment or PodAutoscaler of the revision's name is controlled by something else. */
  | 'NotOwned'
  /** With multi-container probing, a sidecar's readiness probe names no port for queue-proxy to probe. */
  | 'SidecarProbePort'
  /** An image could not be resolved to a digest. */
  | 'ImageResolution';

/** Why a revision's children could not be made; retried with backoff like any error. */
export class RevisionResourceError extends Error {
  override readonly name = 'RevisionResourceError';
  readonly code: RevisionResourceErrorCode;

  constructor(code: RevisionResourceErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
