import { SERVING_NAMESPACE } from '@knot/api';
import type { Client, Logger } from '@knot/runtime';
import { chainAdmission, type Admission } from './admission.js';
import { configMapAdmission } from './config-map-admission.js';
import { servingAdmission } from './serving-admission.js';
import { servingConfigsFrom } from './serving-configs.js';

export interface KnotAdmissionOptions {
  /** Where the config maps are read from; the API's own store. */
  readonly client: Client;
  /** Default knative-serving. */
  readonly systemNamespace?: string;
  readonly clusterDomain?: string;
  readonly logger?: Logger;
}

/** What knot's webhook registrations admit on a cluster: the Serving kinds, then knot's config maps. */
export function knotAdmission(opts: KnotAdmissionOptions): Admission {
  const systemNamespace = opts.systemNamespace ?? SERVING_NAMESPACE;
  const configs = servingConfigsFrom(opts.client, { namespace: systemNamespace, clusterDomain: opts.clusterDomain, logger: opts.logger });
  return chainAdmission(servingAdmission({ configs }), configMapAdmission({ systemNamespace }));
}
