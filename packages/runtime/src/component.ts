import type { Client } from './client.js';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';

/**
 * What every component's `start(deps)` receives. A component's `main.ts` builds
 * these for a cluster; the local platform builds them for one process.
 */
export interface ComponentDeps {
  client: Client;
  clock: Clock;
  logger: Logger;
  /** Aborted when the component must stop. */
  signal: AbortSignal;
}

/** What `start(deps)` returns: a handle to wait on or stop the component. */
export interface RunningComponent {
  /** Resolves once the component has stopped after `signal` was aborted. */
  readonly done: Promise<void>;
}
