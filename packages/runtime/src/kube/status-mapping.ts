import { ApiError, codeFromStatus, type StatusCause } from '../errors.js';

/**
 * Turns a failed apiserver response into an ApiError. Kubernetes answers
 * failures with a `Status` body (`reason`, `message`, `details.causes`); a
 * proxy or load balancer in between may answer with anything else.
 */
export function errorFromResponse(httpStatus: number, body: string): ApiError {
  const parsed = parseJson(body);
  if (isStatusObject(parsed)) return errorFromStatus(parsed, httpStatus);
  const text = body.trim().slice(0, 200);
  return new ApiError(codeFromStatus(httpStatus), `apiserver answered ${httpStatus}${text ? `: ${text}` : ''}`);
}

/** The ApiError a watch `ERROR` event's object (a Status) stands for; code 410 becomes Gone. */
export function errorFromStatus(status: unknown, fallbackHttpStatus = 500): ApiError {
  if (!isRecord(status)) return new ApiError('InternalError', 'watch ERROR event without a Status object');
  const code = typeof status.code === 'number' ? status.code : fallbackHttpStatus;
  const reason = typeof status.reason === 'string' ? status.reason : undefined;
  const message = typeof status.message === 'string' && status.message ? status.message : reason ?? `status ${code}`;
  return new ApiError(codeFromStatus(code, reason), message, causesOf(status.details));
}

/** A request that never got an HTTP answer (refused, reset, TLS failure, timeout). */
export function networkError(err: unknown, method: string, url: URL | string): ApiError {
  const reason = err instanceof Error ? err.message : String(err);
  const timedOut = err instanceof Error && (err.name === 'TimeoutError' || (err as NodeJS.ErrnoException).code === 'ETIMEDOUT');
  const apiErr = new ApiError(timedOut ? 'Timeout' : 'InternalError', `${method} ${String(url)} failed: ${reason}`);
  apiErr.cause = err;
  return apiErr;
}

export function isStatusObject(v: unknown): v is Record<string, unknown> {
  return isRecord(v) && v.kind === 'Status';
}

function causesOf(details: unknown): StatusCause[] {
  if (!isRecord(details) || !Array.isArray(details.causes)) return [];
  const causes: StatusCause[] = [];
  for (const c of details.causes as unknown[]) {
    if (!isRecord(c)) continue;
    causes.push({
      field: typeof c.field === 'string' ? c.field : '',
      message: typeof c.message === 'string' ? c.message : '',
      ...(typeof c.reason === 'string' ? { reason: c.reason } : {}),
    });
  }
  return causes;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
