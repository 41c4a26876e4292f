// What a container wrote, kept for `knot logs`: the last lines in memory and, optionally, every line in a file.
import fs from 'node:fs';
import path from 'node:path';

export interface LogLine {
  /** Milliseconds on the runtime's clock. */
  readonly time: number;
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
  /** The container's restartCount when it wrote the line: 0 for the first run. */
  readonly run: number;
}

export interface ReadLogsOptions {
  /** Only the run before the current one (`kubectl logs --previous`). */
  readonly previous?: boolean;
  /** At most this many of the last lines. */
  readonly tailLines?: number;
}

/** A line longer than this is cut; a process cannot make one line take the whole buffer. */
const MAX_LINE_BYTES = 16 * 1024;

/**
 * The logs of one container across its restarts: a ring buffer bounded in
 * bytes (oldest lines dropped first), listeners for following, and a file per
 * run under `dir/<namespace>_<pod>/<container>/<run>.log` when a directory is given.
 */
export class ContainerLogs {
  readonly #maxBytes: number;
  readonly #dir: string | undefined;
  readonly #clock: () => number;
  readonly #lines: LogLine[] = [];
  readonly #listeners = new Set<(line: LogLine) => void>();
  readonly #partial = { stdout: '', stderr: '' };
  #bytes = 0;
  #run = 0;
  #file: fs.WriteStream | undefined;

  constructor(opts: { maxBytes: number; dir?: string; now: () => number }) {
    this.#maxBytes = opts.maxBytes;
    this.#dir = opts.dir;
    this.#clock = opts.now;
  }

  /** A new run of the container begins; its lines go to a new file. */
  startRun(run: number): void {
    this.flush();
    this.#run = run;
    this.#closeFile();
    if (this.#dir) {
      fs.mkdirSync(this.#dir, { recursive: true });
      this.#file = fs.createWriteStream(path.join(this.#dir, `${run}.log`), { flags: 'a' });
      this.#file.on('error', () => (this.#file = undefined));
    }
  }

  /** Takes a chunk of output; complete lines are stored, a trailing partial line waits for its end. */
  write(stream: 'stdout' | 'stderr', chunk: Buffer | string): void {
    const text = this.#partial[stream] + chunk.toString();
    const parts = text.split('\n');
    this.#partial[stream] = parts.pop() ?? '';
    if (this.#partial[stream].length > MAX_LINE_BYTES) {
      parts.push(this.#partial[stream]);
      this.#partial[stream] = '';
    }
    for (const part of parts) this.#add(stream, part);
  }

  /** Stores what is left of unfinished lines, e.g. when the process exits. */
  flush(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.#partial[stream] !== '') this.#add(stream, this.#partial[stream]);
      this.#partial[stream] = '';
    }
  }

  read(opts: ReadLogsOptions = {}): LogLine[] {
    const run = opts.previous ? this.#run - 1 : this.#run;
    const lines = this.#lines.filter((l) => l.run === run);
    return opts.tailLines !== undefined ? lines.slice(Math.max(0, lines.length - opts.tailLines)) : lines;
  }

  /** Calls `listener` with every new line until the returned function is called. */
  follow(listener: (line: LogLine) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The end of the current run's output, at most `maxLines` lines and `maxBytes` bytes (a termination message). */
  tail(maxLines: number, maxBytes: number): string {
    const text = this.read({ tailLines: maxLines }).map((l) => l.text).join('\n');
    return Buffer.byteLength(text) <= maxBytes ? text : Buffer.from(text).subarray(-maxBytes).toString();
  }

  close(): void {
    this.flush();
    this.#closeFile();
    this.#listeners.clear();
  }

  #add(stream: 'stdout' | 'stderr', raw: string): void {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const line: LogLine = { time: this.#clock(), stream, text: text.length > MAX_LINE_BYTES ? text.slice(0, MAX_LINE_BYTES) : text, run: this.#run };
    this.#lines.push(line);
    this.#bytes += line.text.length + 1;
    while (this.#bytes > this.#maxBytes && this.#lines.length > 1) this.#bytes -= (this.#lines.shift()?.text.length ?? 0) + 1;
    this.#file?.write(`${new Date(line.time).toISOString()} ${stream} ${line.text}\n`);
    for (const listener of this.#listeners) listener(line);
  }

  #closeFile(): void {
    this.#file?.end();
    this.#file = undefined;
  }
}
