// Validation of the config maps knot reads (config-defaults, config-autoscaler,
// ...), as Knative's config webhook: only maps in the system namespace that
// carry its object selector's labels, refused naming the bad key.
import { core, resourceKey, validateConfigMap, type KubeObject } from '@knot/api';
import { AdmissionDeniedError, deniedForFields, describeError, type Admission } from './admission.js';

export const CONFIG_WEBHOOK = 'config.webhook.serving.knative.dev';

const PREFIX = 'validation failed';
const CONFIG_MAPS = resourceKey(core.configMaps);
// The object selector of Knative's (and knot's, deploy/core/webhook) config webhook registration.
const SELECTOR_NAMES: readonly string[] = ['knative-serving'];
const SELECTOR_COMPONENTS: readonly string[] = ['autoscaler', 'controller', 'logging', 'networking', 'observability'];

function selected(obj: KubeObject | undefined): boolean {
  const labels = obj?.metadata?.labels ?? {};
  const name = labels['app.kubernetes.io/name'];
  const component = labels['app.kubernetes.io/component'];
  return name !== undefined && SELECTOR_NAMES.includes(name) && component !== undefined && SELECTOR_COMPONENTS.includes(component);
}

const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

export interface ConfigMapAdmissionOptions {
  /** Config maps are validated in this namespace only (knative-serving). */
  readonly systemNamespace: string;
}

export function configMapAdmission(opts: ConfigMapAdmissionOptions): Admission {
  return ({ resource, subresource, namespace, name, object, oldObject }) => {
    if (resourceKey(resource) !== CONFIG_MAPS || subresource !== '' || namespace !== opts.systemNamespace) return object;
    // As kube-apiserver matches an object selector on UPDATE: the new or the old object.
    if (!selected(object) && !selected(oldObject)) return object;
    const data: unknown = (object as { data?: unknown }).data;
    if (data !== undefined && data !== null && kindOf(data) !== 'object') {
      throw new AdmissionDeniedError(CONFIG_WEBHOOK, `${PREFIX}: ${name}: data: expected an object, got ${kindOf(data)}`);
    }
    const strings: Record<string, string> = {};
    for (const [key, value] of Object.entries(data ?? {})) {
      if (typeof value !== 'string') throw new AdmissionDeniedError(CONFIG_WEBHOOK, `${PREFIX}: ${name}: data[${key}]: expected a string, got ${kindOf(value)}`);
      Object.defineProperty(strings, key, { value, enumerable: true });
    }
    let errors;
    try {
      errors = validateConfigMap(name, strings);
    } catch (err) {
      throw new AdmissionDeniedError(CONFIG_WEBHOOK, `${PREFIX}: ${name}: ${describeError(err)}`);
    }
    if (errors.length > 0) throw deniedForFields(CONFIG_WEBHOOK, `${PREFIX}: ${name}`, errors);
    return object;
  };
}
