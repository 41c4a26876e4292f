// fetch for registry requests: failures become RegistryErrors that name the request, bodies are size-capped.
import { RegistryError, type RegistryErrorCode } from './registry-error.js';

/** Error and token bodies are small; a registry that sends more is not trusted with our memory. */
export const MAX_SMALL_BODY_BYTES = 64 * 1024;

/** A property of a thrown value; fetch's errors may come from another realm, so no instanceof. */
function field(x: unknown, name: string): unknown {
  return typeof x === 'object' && x !== null ? (x as Record<string, unknown>)[name] : undefined;
}

/** A failed request as a RegistryError: Timeout when `signal` aborted it, Unreachable otherwise. */
export function requestError(method: string, url: string, err: unknown, signal: AbortSignal | undefined): RegistryError {
  if (signal?.aborted) return new RegistryError('Timeout', `${method} ${url}: timed out waiting for the registry`, { cause: err });
  // fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, a TLS error) is its cause.
  const cause = field(err, 'cause');
  const why = [field(cause, 'message'), field(cause, 'code'), field(err, 'message')].find((m): m is string => typeof m === 'string' && m !== '') ?? String(err);
  return new RegistryError('Unreachable', `${method} ${url}: ${why}`, { cause: err });
}

/** fetch that throws RegistryError instead of TypeError/AbortError. */
export async function send(method: string, url: string, headers: Record<string, string>, signal: AbortSignal | undefined): Promise<Response> {
  try {
    return await fetch(url, { method, headers, signal });
  } catch (err) {
    throw requestError(method, url, err, signal);
  }
}

/** Drops a response body we will not read, so the connection can be reused. */
export async function discard(res: Response): Promise<void> {
  await res.body?.cancel().catch(() => {});
}

/** The body, or undefined when it is larger than `max` bytes (the rest is not read). */
export async function readLimited(method: string, url: string, res: Response, max: number, signal: AbortSignal | undefined): Promise<Buffer | undefined> {
  if (Number(res.headers.get('content-length') ?? 0) > max) {
    await discard(res);
    return undefined;
  }
  if (!res.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  try {
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      const chunk: unknown = r.value;
      // isView, not instanceof: the stream's chunks may come from another realm.
      if (!ArrayBuffer.isView(chunk)) throw new TypeError('response body chunk is not bytes');
      size += chunk.byteLength;
      if (size > max) {
        await reader.cancel().catch(() => {});
        return undefined;
      }
      chunks.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    }
  } catch (err) {
    throw requestError(method, url, err, signal);
  }
  return Buffer.concat(chunks);
}

/** The registry's error list (`{"errors":[{"code","message"}]}`) as `CODE: message; …`, or undefined when the body is not one. */
function registryErrors(body: Buffer | undefined): string | undefined {
  if (!body || body.length === 0) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  const errors: unknown = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)['errors'] : undefined;
  if (!Array.isArray(errors)) return undefined;
  const parts = errors.flatMap((e: unknown) => {
    if (typeof e !== 'object' || e === null) return [];
    const { code, message } = e as Record<string, unknown>;
    const text = [code, message].filter((x): x is string => typeof x === 'string' && x !== '').join(': ');
    return text ? [text] : [];
  });
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** A non-2xx answer as a RegistryError, with the registry's own error codes when the body has them. */
export async function statusError(method: string, url: string, res: Response, signal: AbortSignal | undefined): Promise<RegistryError> {
  const code: RegistryErrorCode = res.status === 404 ? 'ManifestUnknown' : res.status === 401 || res.status === 403 ? 'Unauthorized' : 'UnexpectedResponse';
  const body = method === 'HEAD' ? undefined : await readLimited(method, url, res, MAX_SMALL_BODY_BYTES, signal).catch(() => undefined);
  const detail = registryErrors(body) ?? `unexpected status code ${res.status} ${res.statusText}`.trimEnd();
  return new RegistryError(code, `${method} ${url}: ${detail}`);
}
