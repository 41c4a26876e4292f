import { CONFIGURATION_LABEL_KEY, core, networking, routeConditionSet, serving, type Route, type TrafficTarget } from '@knot/api';
import { Controller, enqueueOwnerOfKind, handleAll, objectKey } from '@knot/runtime';
import { envControllerOptions, type ControllerEnv } from '../controller-env.js';
import { RouteReconciler } from './route-reconciler.js';

export const ROUTE_CONTROLLER_NAME = 'route-controller';

/**
 * The Route controller: reconciles on Route changes, on changes to the Ingress
 * and Services it owns, and on changes to the Configurations and Revisions its
 * traffic names (Knative uses a tracker; the traffic spec names them all).
 */
export function createRouteController(env: ControllerEnv): Controller<Route> {
  const configurations = env.informers.informerFor(serving.configurations);
  const revisions = env.informers.informerFor(serving.revisions);
  const services = env.informers.informerFor(core.services);
  const endpoints = env.informers.informerFor(core.endpoints);
  const ingresses = env.informers.informerFor(networking.ingresses);

  const controller = new Controller({
    ...envControllerOptions(env, ROUTE_CONTROLLER_NAME),
    resource: serving.routes,
    reconciler: new RouteReconciler({
      client: env.client,
      configurations: configurations.lister,
      revisions: revisions.lister,
      services: services.lister,
      endpoints: endpoints.lister,
      ingresses: ingresses.lister,
      config: () => env.config.current(),
    }),
    conditionSet: routeConditionSet,
  });

  const enqueue = (key: string) => controller.enqueueKey(key);
  const routes = controller.informer.lister;
  const enqueueReferencing = (namespace: string | undefined, names: (t: TrafficTarget) => boolean) => {
    for (const route of routesReferencing(routes.list(namespace), names)) enqueue(objectKey(route));
  };
  services.addEventHandler(enqueueOwnerOfKind(serving.routes.group, serving.routes.kind, enqueue));
  ingresses.addEventHandler(enqueueOwnerOfKind(serving.routes.group, serving.routes.kind, enqueue));
  configurations.addEventHandler(handleAll((cfg) => enqueueReferencing(cfg.metadata?.namespace, (t) => t.configurationName === cfg.metadata?.name)));
  revisions.addEventHandler(
    handleAll((rev) => {
      const config = rev.metadata?.labels?.[CONFIGURATION_LABEL_KEY];
      enqueueReferencing(rev.metadata?.namespace, (t) => t.revisionName === rev.metadata?.name || (config !== undefined && t.configurationName === config));
    }),
  );
  return controller;
}

/** The routes whose spec.traffic has a target matching `names`. */
export function routesReferencing(routes: readonly Route[], names: (t: TrafficTarget) => boolean): Route[] {
  return routes.filter((r) => (r.spec.traffic ?? []).some(names));
}
