// What every component runner shares: its settings as one JSON argument, one
// JSON line on stdout once it listens, and a clean stop on SIGTERM.
import type { RunningComponent } from '@knot/runtime';

export interface Started extends RunningComponent {
  /** What the bench needs to reach the component, printed as the announcement. */
  readonly ports: Readonly<Record<string, number>>;
}

export function runnerSettings<T>(parse: (raw: Record<string, unknown>) => T): T {
  const raw = JSON.parse(process.argv[2] ?? '{}') as unknown;
  if (typeof raw !== 'object' || raw === null) throw new Error('runner settings must be a JSON object');
  return parse(raw as Record<string, unknown>);
}

export function portSetting(raw: Record<string, unknown>, name: string): number {
  const v = raw[name];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 65535) throw new Error(`runner setting ${name} must be a port number, got ${JSON.stringify(v)}`);
  return v;
}

export async function run(startComponent: (signal: AbortSignal) => Promise<Started>): Promise<void> {
  const abort = new AbortController();
  const running = await startComponent(abort.signal);
  process.once('SIGTERM', () => abort.abort());
  process.stdout.write(`${JSON.stringify({ ready: true, pid: process.pid, ports: running.ports })}\n`);
  await running.done;
  process.exit(0);
}

