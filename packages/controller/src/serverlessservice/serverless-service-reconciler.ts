import {
  ACTIVATOR_SERVICE_NAME,
  apps,
  core,
  manageServerlessServiceStatus,
  NO_HEALTHY_BACKENDS_REASON,
  SERVING_NAMESPACE,
  type KubeObject,
  type ServerlessService,
  type ServerlessServiceStatusManager,
} from '@knot/api';
import { type Client, type KindReconciler, type Lister, type Logger, type ReconcileContext } from '@knot/runtime';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { Endpoints, Service as K8sService } from 'kubernetes-types/core/v1.js';
import { rethrow } from '../error-context.js';
import { isControlledBy, semanticEqual } from '../kmeta/index.js';
import { filterSubsetPorts, makePublicEndpoints, readyAddressCount, subsetEndpoints } from './resources/make-endpoints.js';
import { makePrivateService, makePublicService, privateServiceName } from './resources/make-services.js';
import { ServerlessServiceError } from './serverless-service-error.js';

export interface ServerlessServiceReconcilerOptions {
  client: Client;
  services: Lister<K8sService>;
  endpoints: Lister<Endpoints>;
  deployments: Lister<Deployment>;
  /** Where the activator's Endpoints live; `knative-serving` by default. */
  systemNamespace?: string;
}

/**
 * Keeps an SKS's private Service (over the revision's pods) and public Service
 * (no selector) in place, and points the public Endpoints at the pods in serve
 * mode or at a subset of the activators in proxy mode (Knative's serverlessservice reconciler).
 */
export class ServerlessServiceReconciler implements KindReconciler<ServerlessService> {
  readonly #o: ServerlessServiceReconcilerOptions;
  readonly #systemNamespace: string;

  constructor(opts: ServerlessServiceReconcilerOptions) {
    this.#o = opts;
    this.#systemNamespace = opts.systemNamespace ?? SERVING_NAMESPACE;
  }

  async reconcileKind(sks: ServerlessService, { clock, logger }: ReconcileContext): Promise<void> {
    const status = manageServerlessServiceStatus(sks, { now: () => clock.now() });
    await this.#reconcilePrivateService(sks, status);
    await this.#reconcilePublicService(sks, status);
    await this.#reconcilePublicEndpoints(sks, status, logger);
  }

  async #reconcilePrivateService(sks: ServerlessService, status: ServerlessServiceStatusManager): Promise<void> {
    const selector = this.#selector(sks);
    const desired = makePrivateService(sks, selector);
    const name = desired.metadata?.name ?? '';
    const existing = this.#o.services.get(sks.metadata?.namespace, name);
    if (!existing) {
      status.markEndpointsNotReady('CreatingPrivateService');
      await this.#o.client.create(core.services, desired).catch(rethrow('failed to create private K8s Service'));
    } else {
      this.#ensureOwned(sks, existing, 'Service', status);
      const want = structuredClone<K8sService>(existing);
      want.spec = { ...want.spec, ports: desired.spec?.ports, selector: desired.spec?.selector };
      if (!semanticEqual(want.spec, existing.spec)) {
        status.markEndpointsNotReady('UpdatingPrivateService');
        await this.#o.client.update(core.services, want).catch(rethrow('failed to update private K8s Service'));
      }
    }
    (sks.status ??= {}).privateServiceName = name;
  }

  async #reconcilePublicService(sks: ServerlessService, status: ServerlessServiceStatusManager): Promise<void> {
    const desired = makePublicService(sks);
    const name = desired.metadata?.name ?? '';
    const existing = this.#o.services.get(sks.metadata?.namespace, name);
    if (!existing) {
      // Just created, so it has no endpoints yet.
      status.markEndpointsNotReady('CreatingPublicService');
      await this.#o.client.create(core.services, desired).catch(rethrow('failed to create public K8s Service'));
    } else {
      this.#ensureOwned(sks, existing, 'Service', status);
      const want = structuredClone<K8sService>(existing);
      const { selector: _, ...spec } = want.spec ?? {};
      want.spec = { ...spec, ports: desired.spec?.ports };
      if (!semanticEqual(want.spec, existing.spec)) {
        await this.#o.client.update(core.services, want).catch(rethrow('failed to update public K8s Service'));
      }
    }
    (sks.status ??= {}).serviceName = name;
  }

  async #reconcilePublicEndpoints(sks: ServerlessService, status: ServerlessServiceStatusManager, logger: Logger): Promise<void> {
    const namespace = sks.metadata?.namespace;
    const name = sks.metadata?.name ?? '';
    // A missing Endpoints object (not created yet, or no activator installed) counts as no addresses.
    const activator = this.#o.endpoints.get(this.#systemNamespace, ACTIVATOR_SERVICE_NAME);
    const pods = this.#o.endpoints.get(namespace, sks.status?.privateServiceName ?? privateServiceName(name));
    const podsReady = readyAddressCount(pods);
    const activatorsReady = readyAddressCount(activator);

    // Never leave the public endpoints empty while something could serve: no pods means
    // the activator, no activator means the pods, whatever the requested mode.
    let mode = sks.spec.mode ?? 'Serve';
    if (podsReady === 0) mode = 'Proxy';
    if (activatorsReady === 0) mode = 'Serve';
    const source = mode === 'Serve' ? pods?.subsets : subsetEndpoints(activator?.subsets, name, sks.spec.numActivators ?? 0);
    logger.debug({ mode: sks.spec.mode, effectiveMode: mode, podsReady, activatorsReady }, 'reconciling public endpoints');

    const existing = this.#o.endpoints.get(namespace, name);
    if (!existing) {
      status.markEndpointsNotReady('CreatingPublicEndpoints');
      await this.#o.client.create(core.endpoints, makePublicEndpoints(sks, source)).catch(rethrow('failed to create public K8s Endpoints'));
    } else {
      this.#ensureOwned(sks, existing, 'Endpoints', status);
      const wantSubsets = filterSubsetPorts(sks, source);
      if (!semanticEqual(wantSubsets, existing.subsets)) {
        const want = structuredClone<Endpoints>(existing);
        if (wantSubsets) want.subsets = wantSubsets;
        else delete want.subsets;
        await this.#o.client.update(core.endpoints, want).catch(rethrow('failed to update public K8s Endpoints'));
      }
    }

    if (podsReady > 0) status.markEndpointsReady();
    else status.markEndpointsNotReady(NO_HEALTHY_BACKENDS_REASON);
    // The activator backs the revision in proxy mode and whenever no pod is ready.
    if (podsReady === 0 || sks.spec.mode === 'Proxy') status.markActivatorEndpointsPopulated();
    else status.markActivatorEndpointsRemoved();
  }

  /** The labels selecting the revision's pods: the Deployment's matchLabels, else its pod template's labels. */
  #selector(sks: ServerlessService): Record<string, string> {
    const ref = sks.spec.objectRef;
    const namespace = sks.metadata?.namespace;
    const prefix = 'error retrieving deployment selector spec';
    if (ref.kind !== 'Deployment' || ref.apiVersion !== 'apps/v1') {
      throw new ServerlessServiceError('UnsupportedScaleTarget', `${prefix}: unsupported scale target ${ref.apiVersion ?? ''} ${ref.kind ?? ''}`);
    }
    const deployment = this.#o.deployments.get(namespace, ref.name ?? '');
    if (!deployment) {
      throw new ServerlessServiceError('ScaleTargetNotFound', `${prefix}: ${apps.deployments.plural}.${apps.deployments.group} "${ref.name ?? ''}" not found`);
    }
    const labels = nonEmpty(deployment.spec?.selector.matchLabels) ?? nonEmpty(deployment.spec?.template.metadata?.labels);
    if (!labels) throw new ServerlessServiceError('UnsupportedScaleTarget', `${prefix}: deployment "${ref.name ?? ''}" selects pods by no labels`);
    return { ...labels };
  }

  #ensureOwned(sks: ServerlessService, obj: KubeObject, kind: string, status: ServerlessServiceStatusManager): void {
    if (isControlledBy(obj, sks)) return;
    const name = obj.metadata?.name ?? '';
    status.markEndpointsNotOwned(kind, name);
    throw new ServerlessServiceError('NotOwned', `SKS: ${sks.metadata?.name ?? ''} does not own ${kind}: ${name}`);
  }
}

function nonEmpty(labels: Record<string, string> | undefined): Record<string, string> | undefined {
  return labels && Object.keys(labels).length > 0 ? labels : undefined;
}
