// Small parsers for the environment a component's main.ts reads; every error names the variable.

export type Env = Readonly<Record<string, string | undefined>>;

/** The environment is missing a variable or holds an unusable value. */
export class EnvError extends Error {
  readonly code = 'InvalidEnvironment';
  override readonly name = 'EnvError';
}

/** The namespace knot is installed in; every component needs it. */
export function requireSystemNamespace(env: Env): string {
  const value = env.SYSTEM_NAMESPACE?.trim();
  if (!value) throw new EnvError('SYSTEM_NAMESPACE: required (the namespace knot is installed in, e.g. knative-serving)');
  return value;
}

/** A trimmed string; unset or blank means `fallback`. */
export function envString(env: Env, key: string, fallback: string): string {
  return env[key]?.trim() || fallback;
}

/** A whole number in [min, max]; unset or blank means `fallback`. */
export function envInt(env: Env, key: string, fallback: number, min: number, max: number): number {
  const raw = env[key]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw new EnvError(`${key}: must be a whole number between ${min} and ${max}, got ${JSON.stringify(env[key])}`);
  return n;
}

/** A TCP port; unset or blank means `fallback`. */
export function envPort(env: Env, key: string, fallback: number): number {
  const raw = env[key]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 65535) throw new EnvError(`${key}: must be a port number between 1 and 65535, got ${JSON.stringify(env[key])}`);
  return n;
}

/** `true` or `false` (any case); unset or blank means `fallback`. */
export function envBool(env: Env, key: string, fallback: boolean): boolean {
  const raw = env[key]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new EnvError(`${key}: must be true or false, got ${JSON.stringify(env[key])}`);
}

/** A comma-separated list; unset means `fallback`, an empty string means none. */
export function envList(env: Env, key: string, fallback: readonly string[]): readonly string[] {
  const raw = env[key];
  if (raw === undefined) return fallback;
  return raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
}
