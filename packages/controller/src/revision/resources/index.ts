export { deploymentHash, initialReplicas, makeDeployment, progressDeadlineSeconds } from './make-deployment.js';
export { makePodAutoscaler, makePodAutoscalerSpec, reachability } from './make-pa.js';
export { makePodSpec, userContainers } from './make-pod-spec.js';
export { makeQueueContainer, type RevisionBuildContext } from './make-queue-container.js';
export { DEFAULT_QUEUE_OBSERVABILITY, type QueueObservability } from './queue-observability.js';
export { DEPLOYMENT_HASH_LABEL_KEY, deploymentName, podAutoscalerName, QUEUE_CONTAINER_NAME } from './revision-meta.js';
