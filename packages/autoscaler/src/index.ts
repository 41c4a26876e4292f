// @knot/autoscaler: start(deps) for the local platform and main.ts, and what embedders need.
export { start, type AutoscalerDeps, type AutoscalerPorts, type RunningAutoscaler } from './start.js';
export { AutoscalerConfigStore, DEFAULT_AUTOSCALER_CONFIG, staticAutoscalerConfig, type AutoscalerConfig, type AutoscalerConfigSource } from './config-store.js';
export type { Decider, DeciderSpec, DeciderStatus, MultiScaler, ReadyPodCounter, RevisionKey } from './scaling/types.js';
export { KPA_CONTROLLER_NAME } from './reconciler/kpa-controller.js';
export { HPA_CONTROLLER_NAME } from './hpa/hpa-controller.js';
