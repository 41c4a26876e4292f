export { createDomainMappingController, DOMAIN_MAPPING_CONTROLLER_NAME, mappingsReferencing } from './controller.js';
export { DomainMappingError, DomainMappingReconciler, type DomainMappingErrorCode, type DomainMappingReconcilerOptions } from './domain-mapping-reconciler.js';
export { makeDomainMappingIngress, type DomainMappingIngressInputs } from './resources/make-ingress.js';
