// The local API: the store served in the Kubernetes REST shape, its admission and its kubeconfig.
export { startApiServer, type ApiServerDeps, type RunningApiServer } from './start-api-server.js';
export { writeKubeconfig, kubeconfigDocument, KubeconfigError, KUBECONFIG_CONTEXT, LOCAL_API_USER, type KubeconfigOptions } from './kubeconfig.js';
export { admitAll, chainAdmission, AdmissionDeniedError, type Admission, type AdmissionAttributes, type AdmissionOperation } from './admission.js';
export { knotAdmission, type KnotAdmissionOptions } from './knot-admission.js';
export { servingAdmission, DEFAULTING_WEBHOOK, VALIDATION_WEBHOOK, type ServingAdmissionOptions } from './serving-admission.js';
export { configMapAdmission, CONFIG_WEBHOOK, type ConfigMapAdmissionOptions } from './config-map-admission.js';
export { servingConfigsFrom, DEFAULT_SERVING_CONFIGS, type ServingConfigs, type ServingConfigSource } from './serving-configs.js';
export { RequestError, type RequestErrorCode } from './status-error.js';
