// The autoscaler's stat websocket on 127.0.0.1:0, keeping every frame it gets.
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { parseStatMessages, type StatMessage } from '@knot/api';

export class FakeAutoscaler {
  readonly frames: StatMessage[][] = [];
  #wss: WebSocketServer | undefined;
  #port: number;

  constructor(port = 0) {
    this.#port = port;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.#port}`;
  }

  get connections(): number {
    return this.#wss?.clients.size ?? 0;
  }

  async listen(): Promise<this> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: this.#port });
    await new Promise<void>((resolve) => wss.once('listening', resolve));
    this.#port = (wss.address() as AddressInfo).port;
    wss.on('connection', (socket) => socket.on('message', (data: Buffer) => this.frames.push(parseStatMessages(JSON.parse(data.toString('utf8')) as unknown))));
    this.#wss = wss;
    return this;
  }

  /** Frames about one revision's stats, in arrival order. */
  statsFor(name: string): StatMessage['stat'][] {
    return this.frames.flat().filter((m) => m.key.name === name).map((m) => m.stat);
  }

  async close(): Promise<void> {
    const wss = this.#wss;
    this.#wss = undefined;
    if (!wss) return;
    for (const c of wss.clients) c.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }
}
