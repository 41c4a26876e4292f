// CPU time a process has used, from Linux's /proc/<pid>/stat.
import { readFile } from 'node:fs/promises';
import { BenchError } from '../bench-error.js';

/** Linux reports utime and stime in clock ticks of 1/100 s (USER_HZ) on every architecture it runs on here. */
const TICK_MS = 10;

/** User plus system CPU time in milliseconds, from the text of /proc/<pid>/stat. */
export function parseCpuMs(stat: string): number {
  // The command name (field 2) is in parentheses and may hold spaces or parentheses itself.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name: state is field 3, so utime (14) and stime (15) are at 11 and 12.
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (stat.lastIndexOf(')') < 0 || !Number.isInteger(utime) || !Number.isInteger(stime)) throw new BenchError('bad-cpu', `no utime and stime in the process stat: ${stat.slice(0, 120)}`);
  return (utime + stime) * TICK_MS;
}

export async function cpuMs(pid: number): Promise<number> {
  return parseCpuMs(await readFile(`/proc/${pid}/stat`, 'utf8'));
}
