// Starting and signalling a container's process: spawned in a process group of its own, so a signal
// reaches whatever the command started, as stopping a container does.
import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import os from 'node:os';

/** node's `spawn`, injected so a runtime can wrap or replace how processes start. */
export type SpawnProcess = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export const defaultSpawn: SpawnProcess = (command, args, options) => nodeSpawn(command, args, options);

/** Sends `signal` to the process group of `child` (falling back to the child alone); false when nothing was there. */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, signal);
    return true;
  } catch {
    try {
      return child.kill(signal);
    } catch {
      return false;
    }
  }
}

/** The exit code a container runtime reports: the code, or 128 + the signal's number. */
export function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return 128 + (signal ? signalNumber(signal) : 0);
}

export function signalNumber(signal: NodeJS.Signals): number {
  return os.constants.signals[signal] ?? 0;
}
