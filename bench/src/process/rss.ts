// Resident memory of a process, from Linux's /proc/<pid>/status.
import { readFile } from 'node:fs/promises';
import { BenchError } from '../bench-error.js';

export interface Resident {
  /** VmRSS: everything resident, including the pages of the node binary itself. */
  readonly rssMb: number;
  /** RssAnon: the process's own heap and stacks, without file-backed pages that processes share. */
  readonly anonMb: number;
}

function kb(status: string, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB$`, 'm').exec(status);
  if (!m) throw new BenchError('bad-rss', `no ${field} line in the process status`);
  return Number(m[1]);
}

/** From the text of /proc/<pid>/status; MB are 2^20 bytes. */
export function parseResident(status: string): Resident {
  return { rssMb: kb(status, 'VmRSS') / 1024, anonMb: kb(status, 'RssAnon') / 1024 };
}

export async function resident(pid: number): Promise<Resident> {
  return parseResident(await readFile(`/proc/${pid}/status`, 'utf8'));
}
