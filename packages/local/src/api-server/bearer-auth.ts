// The local API's one credential: a bearer token, compared in constant time,
// so other users' processes on the machine cannot read or write the store.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';

/** A fresh token: 32 random bytes, hex. */
export function newToken(): string {
  return randomBytes(32).toString('hex');
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** Whether a request carries `Authorization: Bearer <token>`. */
export function bearerMatcher(token: string): (req: http.IncomingMessage) => boolean {
  if (!token) throw new RangeError('bearer token: must not be empty');
  const want = digest(token);
  return (req) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    // Digests have one length, so the comparison time says nothing about the token.
    return match !== null && timingSafeEqual(digest(match[1] ?? ''), want);
  };
}
