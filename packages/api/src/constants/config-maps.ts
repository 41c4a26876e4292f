// Names of the config maps components watch, as Knative names them.

// knative-serving
export const CONFIG_DEFAULTS = 'config-defaults';
export const CONFIG_AUTOSCALER = 'config-autoscaler';
export const CONFIG_NETWORK = 'config-network';
export const CONFIG_GC = 'config-gc';
export const CONFIG_FEATURES = 'config-features';
export const CONFIG_DEPLOYMENT = 'config-deployment';
export const CONFIG_DOMAIN = 'config-domain';
export const CONFIG_CERTMANAGER = 'config-certmanager';
// Both namespaces
export const CONFIG_OBSERVABILITY = 'config-observability';
export const CONFIG_LOGGING = 'config-logging';
export const CONFIG_LEADER_ELECTION = 'config-leader-election';
// knative-eventing (config-features also exists there)
export const CONFIG_BR_DEFAULTS = 'config-br-defaults';
export const DEFAULT_CH_WEBHOOK = 'default-ch-webhook';
export const CONFIG_PING_DEFAULTS = 'config-ping-defaults';
export const CONFIG_KREFERENCE_MAPPING = 'config-kreference-mapping';
