export type RegistryErrorCode =
  /** The image is not a valid reference. */
  | 'InvalidReference'
  /** The registry has no manifest for the tag (HTTP 404). */
  | 'ManifestUnknown'
  /** The registry refused the credentials, or asked for some and there were none (HTTP 401/403). */
  | 'Unauthorized'
  /** The token endpoint named in the registry's challenge failed or answered something that is not a token. */
  | 'TokenUnavailable'
  /** The pull secrets or service account could not be read. */
  | 'CredentialsUnavailable'
  /** The request was aborted (digest-resolution-timeout) before the registry answered. */
  | 'Timeout'
  /** The registry could not be reached (DNS, connection refused, TLS). */
  | 'Unreachable'
  /** The registry answered with another status, an oversized body or a malformed digest. */
  | 'UnexpectedResponse';

/** Why an image could not be resolved to a digest; `message` is meant for the Revision's status. */
export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  readonly code: RegistryErrorCode;

  constructor(code: RegistryErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
