import { ROUTES_ANNOTATION_KEY, serving, type Configuration, type Revision, type Route } from '@knot/api';
import { Controller, handleAll, type Lister } from '@knot/runtime';
import { envControllerOptions, type ControllerEnv } from '../controller-env.js';
import { listAnnotation } from '../kmeta/list-annotation.js';
import { controllerOf } from '../kmeta/owner-refs.js';
import { LabelerReconciler } from './labeler-reconciler.js';

export const LABELER_CONTROLLER_NAME = 'labeler';
/** Knative's labeler keeps the Route kind's default finalizer (its generated reconciler's). */
export const LABELER_FINALIZER = 'routes.serving.knative.dev';

/**
 * The labeler: reconciles Routes without writing their status, and a Route
 * again whenever a Configuration or Revision it references (or that lists it
 * in serving.knative.dev/routes) changes, as Knative's tracker does.
 */
export function createLabelerController(env: ControllerEnv): Controller<Route> {
  const configurations = env.informers.informerFor(serving.configurations);
  const revisions = env.informers.informerFor(serving.revisions);
  const routes = env.informers.listerFor(serving.routes);
  const controller = new Controller({
    ...envControllerOptions(env, LABELER_CONTROLLER_NAME),
    resource: serving.routes,
    reconciler: new LabelerReconciler({ client: env.client, configurations: configurations.lister, revisions: revisions.lister }),
    finalizerName: LABELER_FINALIZER,
    skipStatusUpdates: true,
  });
  const enqueue = (obj: Configuration | Revision) => {
    for (const name of routesTracking(obj, routes)) controller.enqueueKey(`${obj.metadata?.namespace ?? ''}/${name}`);
  };
  configurations.addEventHandler(handleAll(enqueue));
  revisions.addEventHandler(handleAll(enqueue));
  return controller;
}

/** Routes of the object's namespace whose traffic names it (or its Configuration), plus those it lists as routing to it. */
export function routesTracking(obj: Configuration | Revision, routes: Lister<Route>): Set<string> {
  const name = obj.metadata?.name;
  const out = listAnnotation(obj.metadata?.annotations, ROUTES_ANNOTATION_KEY);
  const owner = obj.kind === 'Revision' ? controllerOf(obj) : undefined;
  const configName = obj.kind === 'Configuration' ? name : owner?.kind === 'Configuration' ? owner.name : undefined;
  for (const route of routes.list(obj.metadata?.namespace)) {
    const targets = [...(route.spec.traffic ?? []), ...(route.status?.traffic ?? [])];
    const references = targets.some((t) => (obj.kind === 'Revision' && t.revisionName === name) || (configName !== undefined && t.configurationName === configName));
    if (references) out.add(route.metadata?.name ?? '');
  }
  out.delete('');
  return out;
}
