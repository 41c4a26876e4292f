export type { DefaultingContext } from './context.js';
export { setServiceDefaults } from './service.js';
export { setConfigurationDefaults } from './configuration.js';
export { setRevisionDefaults } from './revision.js';
export { setRouteDefaults } from './route.js';
export { setDomainMappingDefaults } from './domain-mapping.js';
export { childName } from './child-name.js';
