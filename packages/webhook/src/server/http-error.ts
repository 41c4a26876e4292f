/** Why a request gets a plain HTTP error instead of a review: the stable codes tests assert on. */
export type HttpErrorCode = 'NotFound' | 'MethodNotAllowed' | 'UnsupportedMediaType' | 'PayloadTooLarge' | 'MalformedJson' | 'BadReview';

const STATUS: Readonly<Record<HttpErrorCode, number>> = {
  NotFound: 404,
  MethodNotAllowed: 405,
  UnsupportedMediaType: 415,
  PayloadTooLarge: 413,
  MalformedJson: 400,
  BadReview: 400,
};

/** A request the webhook cannot answer with a review; the server sends `status` and the message. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly code: HttpErrorCode;
  readonly status: number;

  constructor(code: HttpErrorCode, message: string) {
    super(message);
    this.code = code;
    this.status = STATUS[code];
  }
}

/** The body cannot be answered with a review: not one, or one without a request uid. */
export function badReview(message: string): HttpError {
  return new HttpError('BadReview', message);
}
