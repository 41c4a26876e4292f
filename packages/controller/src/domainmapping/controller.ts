import { domainMappingConditionSet, networking, serving, type DomainMapping, type KubeObject } from '@knot/api';
import { Controller, enqueueOwnerOfKind, handleAll, objectKey } from '@knot/runtime';
import { envControllerOptions, type ControllerEnv } from '../controller-env.js';
import { DomainMappingReconciler } from './domain-mapping-reconciler.js';

export const DOMAIN_MAPPING_CONTROLLER_NAME = 'domainmapping-controller';

/**
 * The DomainMapping controller: reconciles on mapping changes, on changes to
 * the Ingress it owns and to the Service or Route it references, and
 * reconciles every mapping of a domain when one of them comes or goes (the
 * claim may move).
 */
export function createDomainMappingController(env: ControllerEnv): Controller<DomainMapping> {
  const ingresses = env.informers.informerFor(networking.ingresses);
  const services = env.informers.informerFor(serving.services);
  const routes = env.informers.informerFor(serving.routes);

  const controller: Controller<DomainMapping> = new Controller({
    ...envControllerOptions(env, DOMAIN_MAPPING_CONTROLLER_NAME),
    resource: serving.domainMappings,
    reconciler: new DomainMappingReconciler({
      client: env.client,
      mappings: env.informers.listerFor(serving.domainMappings),
      ingresses: ingresses.lister,
      services: services.lister,
      routes: routes.lister,
      config: () => env.config.current(),
    }),
    conditionSet: domainMappingConditionSet,
  });

  const enqueue = (key: string) => controller.enqueueKey(key);
  const mappings = controller.informer.lister;
  ingresses.addEventHandler(enqueueOwnerOfKind(serving.domainMappings.group, serving.domainMappings.kind, enqueue));
  // Every mapping of the same domain, in every namespace: the claim may have changed hands.
  controller.informer.addEventHandler(
    handleAll((dm) => {
      for (const other of mappings.list()) if (other.metadata?.name === dm.metadata?.name && other !== dm) enqueue(objectKey(other));
    }),
  );
  // Informer objects may lack apiVersion and kind (list items often do), so the kind comes from the informer.
  const enqueueReferencing = (kind: 'Service' | 'Route') => (target: KubeObject) => {
    const ref = { apiVersion: 'serving.knative.dev/v1', kind, namespace: target.metadata?.namespace ?? '', name: target.metadata?.name ?? '' };
    for (const dm of mappingsReferencing(mappings.list(ref.namespace), ref)) enqueue(objectKey(dm));
  };
  services.addEventHandler(handleAll(enqueueReferencing('Service')));
  routes.addEventHandler(handleAll(enqueueReferencing('Route')));
  return controller;
}

/** The mappings whose ref names this object. */
export function mappingsReferencing(mappings: readonly DomainMapping[], target: { apiVersion: string; kind: string; namespace: string; name: string }): DomainMapping[] {
  return mappings.filter((dm) => {
    const ref = dm.spec.ref;
    return ref.apiVersion === target.apiVersion && ref.kind === target.kind && ref.name === target.name && (ref.namespace || dm.metadata?.namespace) === target.namespace;
  });
}
