import { core, networking, serving } from '@knot/api';
import type { TableEnv } from '@knot/runtime/testing';
import type { RouteConfig } from '../route-config.js';
import { RouteReconciler } from '../route-reconciler.js';
import { routeConfig } from './route-fixtures.js';

/** The reconciler under test, over the harness's informers; `ctx.config` (a RouteConfig) overrides the default config. */
export function makeRouteReconciler({ client, informers, ctx }: TableEnv): RouteReconciler {
  const config = (ctx.config as RouteConfig | undefined) ?? routeConfig();
  return new RouteReconciler({
    client,
    configurations: informers.listerFor(serving.configurations),
    revisions: informers.listerFor(serving.revisions),
    services: informers.listerFor(core.services),
    endpoints: informers.listerFor(core.endpoints),
    ingresses: informers.listerFor(networking.ingresses),
    config: () => config,
  });
}
