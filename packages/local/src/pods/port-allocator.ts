import net from 'node:net';

/** Hands out free TCP ports on the local address, one per declared container port. */
export type AllocatePort = () => Promise<number>;

/** The loopback address every local pod has as its IP. */
export const LOCAL_POD_IP = '127.0.0.1';

/** Asks the kernel for a free port by binding port 0 and letting it go again. */
export function freePort(host = LOCAL_POD_IP): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port was bound'))));
    });
  });
}

/**
 * Free ports that are not already held by a running pod: the kernel may hand a
 * port out again once its probe socket closed, before the pod binds it.
 */
export class PortPool {
  readonly #held = new Set<number>();
  readonly #next: AllocatePort;

  constructor(next: AllocatePort = () => freePort()) {
    this.#next = next;
  }

  async allocate(): Promise<number> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const port = await this.#next();
      if (this.#held.has(port)) continue;
      this.#held.add(port);
      return port;
    }
    throw new Error('could not find a free port not already given to a pod');
  }

  /** Marks ports as taken, e.g. those of a pod found already running. */
  hold(ports: Iterable<number>): void {
    for (const port of ports) this.#held.add(port);
  }

  release(ports: Iterable<number>): void {
    for (const port of ports) this.#held.delete(port);
  }
}
