// Number parsing with Go's strconv rules, so annotation values mean what they mean in Knative.

const GO_INT = /^[+-]?\d+$/;
const GO_FLOAT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export const INT32_MIN = -2_147_483_648;
export const INT32_MAX = 2_147_483_647;

export type ParsedInt = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly range: boolean };

/** strconv.ParseInt(s, 10, bits): `range` tells an overflow from a malformed number. */
export function parseGoInt(text: string, bits: 32 | 64 = 64): ParsedInt {
  if (!GO_INT.test(text)) return { ok: false, range: false };
  const big = BigInt(text);
  const limit = 1n << BigInt(bits - 1);
  if (big < -limit || big >= limit) return { ok: false, range: true };
  const value = Number(big);
  // int64 values beyond 2^53 cannot be represented exactly; nothing in these rules needs them.
  return Number.isSafeInteger(value) ? { ok: true, value } : { ok: false, range: true };
}

/** strconv.ParseFloat(s, 64) for decimal forms; Inf, NaN and hex floats are refused as no rule can use them. */
export function parseGoFloat(text: string): number | undefined {
  if (!GO_FLOAT.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
