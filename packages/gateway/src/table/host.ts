// Host header values as the route table keys them.

/**
 * The host of a Host header or :authority without its port, lower-cased and
 * without a trailing dot; '' for a missing or empty one. IPv6 literals keep
 * their brackets.
 */
export function normalizeHost(raw: string | undefined): string {
  if (!raw) return '';
  let end = raw.length;
  if (raw.charCodeAt(0) === 91 /* [ */) {
    const close = raw.indexOf(']');
    end = close < 0 ? raw.length : close + 1;
  } else {
    const colon = raw.indexOf(':');
    if (colon >= 0) end = colon;
  }
  if (end > 0 && raw.charCodeAt(end - 1) === 46 /* . */) end--;
  const host = end === raw.length ? raw : raw.slice(0, end);
  return host.toLowerCase();
}
