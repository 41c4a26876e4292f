export type { ValidationContext } from './context.js';
export { validateService } from './service.js';
export { validateConfiguration } from './configuration.js';
export { validateRevision } from './revision.js';
export { validateRoute } from './route.js';
export { validateDomainMapping } from './domain-mapping.js';
export { validateAutoscalingAnnotations } from './autoscaling-annotations.js';
export { DEFAULT_IMAGE_TAG, DOCKER_HUB_REGISTRY, ImageReferenceError, imageReferenceProblem, parseImageReference, type ImageReference } from './image-reference.js';
