import { type CommitEvent, isApiError, type Logger, parseCommitEvent } from '@knot/runtime';
import { PersistentStoreError } from './persistent-store-error.js';

export interface JournalContents {
  /** The writes after the snapshot's resourceVersion, in order. */
  readonly events: CommitEvent[];
  /** Bytes of whole lines; a torn last line starts here. */
  readonly wholeBytes: number;
}

const NEWLINE = 0x0a;

/**
 * Reads the journal: one commit event per line, each line ending in a newline.
 * A last line without its newline was being written when the process stopped:
 * it is dropped with a warning. Any other bad line, or lines whose
 * resourceVersions do not follow one another, is CorruptJournal naming the
 * line: replaying past it could silently lose or reorder writes.
 */
export function readJournal(path: string, bytes: Buffer, snapshotVersion: number, logger: Logger): JournalContents {
  const events: CommitEvent[] = [];
  let previous: number | undefined;
  let start = 0;
  for (let line = 1; start < bytes.length; line++) {
    const end = bytes.indexOf(NEWLINE, start);
    if (end === -1) {
      logger.warn({ path, line, bytes: bytes.length - start }, 'dropping the journal\'s torn last line: the process stopped while writing it');
      return { events, wholeBytes: start };
    }
    const text = bytes.toString('utf8', start, end);
    start = end + 1;
    if (text.trim() === '') continue;
    const event = parseLine(path, line, text);
    const version = Number(event.resourceVersion);
    if (previous !== undefined && version !== previous + 1) {
      throw corrupt(path, line, `resourceVersion ${version} does not follow ${previous} on the line before`);
    }
    previous = version;
    if (version <= snapshotVersion) continue;
    if (events.length === 0 && version !== snapshotVersion + 1) {
      throw corrupt(path, line, `resourceVersion ${version} leaves a gap after the snapshot's ${snapshotVersion}`);
    }
    events.push(event);
  }
  return { events, wholeBytes: bytes.length };
}

function parseLine(path: string, line: number, text: string): CommitEvent {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw corrupt(path, line, `not JSON (${(err as Error).message})`);
  }
  try {
    return parseCommitEvent(value);
  } catch (err) {
    if (isApiError(err)) throw corrupt(path, line, err.message);
    throw err;
  }
}

function corrupt(path: string, line: number, why: string): PersistentStoreError {
  return new PersistentStoreError(
    'CorruptJournal',
    path,
    `${path}:${line}: ${why}; the store was not opened. Keep the lines before it (losing the writes from it on) or delete the data directory to start empty`,
  );
}
