import type { KubeObject } from '@knot/api';
import type { Client, Clock, ControllerOptions, EventRecorder, Logger, SharedInformerFactory, WorkQueueMetrics } from '@knot/runtime';
import type { AutoscalerConfigSource } from './config-store.js';

/** What each PodAutoscaler controller factory takes; `start(deps)` builds it once for all of them. */
export interface AutoscalerEnv {
  readonly client: Client;
  /** Shared: one cache per kind for the whole component. */
  readonly informers: SharedInformerFactory;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: AutoscalerConfigSource;
  readonly workers?: number;
  /** The recorder for a controller's name; each controller writes Events through `client` when absent. */
  readonly recorderFor?: (component: string) => EventRecorder;
  readonly queueMetrics?: (queue: string) => WorkQueueMetrics;
  readonly reconcileMetrics?: ControllerOptions<KubeObject>['reconcileMetrics'];
}
