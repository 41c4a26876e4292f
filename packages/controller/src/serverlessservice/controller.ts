import {
  ACTIVATOR_SERVICE_NAME,
  apps,
  core,
  networking,
  SERVICE_TYPE_LABEL_KEY,
  SERVICE_TYPE_PRIVATE,
  SERVING_NAMESPACE,
  serverlessServiceConditionSet,
  SKS_LABEL_KEY,
  type ServerlessService,
} from '@knot/api';
import { Controller, enqueueOwnerOfKind, filtered, handleAll, type Lister } from '@knot/runtime';
import type { Endpoints, Service as K8sService } from 'kubernetes-types/core/v1.js';
import { envControllerOptions, type ControllerEnv } from '../controller-env.js';
import { ServerlessServiceReconciler } from './serverless-service-reconciler.js';

export const SERVERLESS_SERVICE_CONTROLLER_NAME = 'serverlessservice-controller';

export interface ServerlessServiceControllerOptions {
  /** Where the activator's Endpoints live; `knative-serving` by default. */
  systemNamespace?: string;
}

/**
 * The SKS controller: reconciles on SKS changes, on changes to the Services it
 * controls and to its private Service's Endpoints, and reconciles every SKS when
 * the activator's Endpoints change.
 */
export function createServerlessServiceController(env: ControllerEnv, opts: ServerlessServiceControllerOptions = {}): Controller<ServerlessService> {
  const systemNamespace = opts.systemNamespace ?? SERVING_NAMESPACE;
  const services = env.informers.informerFor(core.services);
  const endpoints = env.informers.informerFor(core.endpoints);
  const deployments = env.informers.informerFor(apps.deployments);

  const controller = new Controller({
    ...envControllerOptions(env, SERVERLESS_SERVICE_CONTROLLER_NAME),
    resource: networking.serverlessServices,
    reconciler: new ServerlessServiceReconciler({
      client: env.client,
      services: services.lister,
      endpoints: endpoints.lister,
      deployments: deployments.lister,
      systemNamespace,
    }),
    conditionSet: serverlessServiceConditionSet,
  });

  const enqueue = (key: string) => controller.enqueueKey(key);
  services.addEventHandler(enqueueOwnerOfKind(networking.serverlessServices.group, networking.serverlessServices.kind, enqueue));
  endpoints.addEventHandler(
    handleAll((eps) => {
      const key = privateEndpointsOwner(eps, services.lister);
      if (key) enqueue(key);
    }),
  );
  const isActivator = (eps: Endpoints) => eps.metadata?.namespace === systemNamespace && eps.metadata.name === ACTIVATOR_SERVICE_NAME;
  // Every SKS in proxy mode (or without ready pods) points at the activators.
  endpoints.addEventHandler(filtered(isActivator, handleAll(() => controller.globalResync())));
  return controller;
}

/**
 * The key of the SKS whose private Service these Endpoints belong to. Kubernetes
 * copies the Service's labels onto its Endpoints; where they are missing, the
 * Service of the same name is asked instead.
 */
export function privateEndpointsOwner(eps: Endpoints, services: Lister<K8sService>): string | undefined {
  const namespace = eps.metadata?.namespace;
  const labels = eps.metadata?.labels?.[SKS_LABEL_KEY] ? eps.metadata.labels : services.get(namespace, eps.metadata?.name ?? '')?.metadata?.labels;
  const sks = labels?.[SKS_LABEL_KEY];
  if (!sks || labels[SERVICE_TYPE_LABEL_KEY] !== SERVICE_TYPE_PRIVATE) return undefined;
  return namespace ? `${namespace}/${sks}` : sks;
}
