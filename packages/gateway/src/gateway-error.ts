/** Stable codes for what the gateway refuses, so tests and callers match on `code`, not on text. */
export type GatewayErrorCode = 'InvalidOption' | 'InvalidEnvironment';

export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  readonly code: GatewayErrorCode;

  constructor(code: GatewayErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
