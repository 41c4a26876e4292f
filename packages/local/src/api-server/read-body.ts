// Request bodies: bounded in size, parsed by media type (JSON or YAML objects,
// the three patch formats), with a Status-shaped error naming what is wrong.
import type http from 'node:http';
import { parse as parseYaml } from 'yaml';
import { badRequest, RequestError } from './status-error.js';

/** kube-apiserver's limit for a write's body (etcd's object limit and some). */
export const DEFAULT_MAX_BODY_BYTES = 3 * 1024 * 1024;

// A body over the limit is read and dropped up to this many times the limit, so the client sees the 413; past that the connection is cut.
const DRAIN_FACTOR = 4;

export type PatchFormat = 'merge' | 'json' | 'strategic';

const PATCH_TYPES: ReadonlyMap<string, PatchFormat> = new Map([
  ['application/merge-patch+json', 'merge'],
  ['application/json-patch+json', 'json'],
  ['application/strategic-merge-patch+json', 'strategic'],
]);

export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
}

/** The raw body, or RequestEntityTooLarge past `maxBytes`. */
export function readBody(req: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let failure: RequestError | undefined;
    const tooLarge = (): RequestError => new RequestError('RequestEntityTooLarge', `Request entity too large: limit is ${maxBytes}`);
    if (Number(req.headers['content-length'] ?? 0) > maxBytes) failure = tooLarge();
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes * DRAIN_FACTOR) {
        req.destroy();
        return;
      }
      if (failure) return;
      if (received > maxBytes) {
        failure = tooLarge();
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => (failure ? reject(failure) : resolve(Buffer.concat(chunks))));
  });
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw badRequest(`the body of the request is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function parseYamlDocument(bytes: Buffer): unknown {
  try {
    return parseYaml(bytes.toString('utf8'), { schema: 'core', maxAliasCount: 100 });
  } catch (err) {
    throw badRequest(`the body of the request is not valid YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The object of a create or update: JSON, or YAML as kube-apiserver also accepts. */
export function parseObjectBody(contentType: string | undefined, bytes: Buffer): unknown {
  const type = mediaType(contentType);
  if (type === 'application/json') return parseJson(bytes);
  if (type === 'application/yaml') return parseYamlDocument(bytes);
  throw new RequestError(
    'UnsupportedMediaType',
    `the body of the request was in an unknown format (${JSON.stringify(type)}) - accepted media types include: application/json, application/yaml`,
  );
}

/** The patch format a PATCH's content type names, and its parsed document. */
export function parsePatchBody(contentType: string | undefined, bytes: Buffer): { format: PatchFormat; document: unknown } {
  const type = mediaType(contentType);
  const format = PATCH_TYPES.get(type);
  if (type === 'application/apply-patch+yaml') {
    throw new RequestError('UnsupportedMediaType', 'server-side apply (application/apply-patch+yaml) is not supported by the knot dev API; use client-side apply');
  }
  if (!format) {
    throw new RequestError('UnsupportedMediaType', `the body of the request was in an unknown format (${JSON.stringify(type)}) - accepted media types include: ${[...PATCH_TYPES.keys()].join(', ')}`);
  }
  return { format, document: parseJson(bytes) };
}
