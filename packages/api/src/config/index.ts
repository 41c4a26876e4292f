export * from './config-autoscaler.js';
export * from './config-defaults.js';
export * from './config-deployment.js';
export * from './config-domain.js';
export * from './config-features.js';
export * from './config-gc.js';
export * from './config-map-parsers.js';
export * from './config-network.js';
export {
  DEFAULT_DOMAIN_TEMPLATE,
  DEFAULT_TAG_TEMPLATE,
  renderContainerNameTemplate,
  renderDomainTemplate,
  renderTagTemplate,
} from './domain-template.js';
export type { DomainTemplateValues, TagTemplateValues } from './domain-template.js';
export { TemplateError } from './go-template.js';
export type { SelectorEntry } from './label-selector.js';
export {
  ConfigError,
  EXAMPLE_KEY,
  asBool,
  asDuration,
  asEnum,
  asField,
  asFloat,
  asInt,
  asInt32,
  asQuantity,
  asString,
  asStringSet,
  atLeast,
  between,
  greaterThan,
  showGoDuration,
  nonEmpty,
  parseFields,
  snapshot,
  wholeSeconds,
} from './parse.js';
export type { Check, ConfigData, EnumOptions, FieldParser } from './parse.js';
