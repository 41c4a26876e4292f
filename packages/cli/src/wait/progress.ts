// Progress while waiting: a spinner on an interactive stderr, and otherwise a
// plain line each time the pending step changes. Nothing goes to stdout.
import type { Clock, TimerHandle } from '@knot/runtime';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const FRAME_MS = 100;

export class Progress {
  readonly #stream: NodeJS.WritableStream;
  readonly #clock: Clock;
  readonly #tty: boolean;
  readonly #start: number;
  #text = '';
  #frame = 0;
  #timer: TimerHandle | undefined;

  constructor(stream: NodeJS.WritableStream, clock: Clock, tty: boolean) {
    this.#stream = stream;
    this.#clock = clock;
    this.#tty = tty;
    this.#start = clock.now();
    if (tty) this.#tick();
  }

  update(text: string): void {
    if (text === this.#text) return;
    this.#text = text;
    if (this.#tty) this.#draw();
    else this.#stream.write(`${this.#elapsed()} ${text}\n`);
  }

  /** Ends the spinner; `final` is printed as the last progress line. */
  stop(final?: string): void {
    if (this.#timer) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#tty) this.#stream.write('\r\x1b[2K');
    if (final !== undefined) this.#stream.write(`${this.#elapsed()} ${final}\n`);
  }

  #elapsed(): string {
    return `${((this.#clock.now() - this.#start) / 1000).toFixed(3).padStart(8)}s`;
  }

  #tick(): void {
    this.#frame = (this.#frame + 1) % FRAMES.length;
    this.#draw();
    this.#timer = this.#clock.setTimeout(() => this.#tick(), FRAME_MS);
  }

  #draw(): void {
    const columns = (this.#stream as { columns?: number }).columns ?? 100;
    const line = `${FRAMES[this.#frame] ?? ''} ${this.#text}`;
    this.#stream.write(`\r\x1b[2K${line.length > columns - 1 ? line.slice(0, columns - 2) + '…' : line}`);
  }
}
