// The workloads of local mode in one piece: the Deployment controller, the kubelet and the Endpoints controller.
import { apps, core } from '@knot/api';
import { Controller, enqueueOwnerOfKind, handleAll, isApiError, objectKey, SharedInformerFactory, type ComponentDeps, type RunningComponent } from '@knot/runtime';
import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import { EndpointsReconciler, selects } from '../endpoints/endpoints-reconciler.js';
import type { ContainerLogs } from './container-logs.js';
import { DeploymentReconciler } from './deployment-reconciler.js';
import { Kubelet, LOCAL_POD_FINALIZER, type KubeletOptions } from './kubelet.js';
import { QUEUE_PROXY_CONTAINER_NAME, queueProxySidecar } from './queue-proxy-sidecar.js';

export interface ProcessRuntimeDeps extends ComponentDeps, Omit<KubeletOptions, 'client' | 'informers' | 'clock' | 'logger'> {
  /** In-process sidecars by container name; default the queue-proxy. */
  readonly sidecars?: KubeletOptions['sidecars'];
  /** Shared with other components of the process; one of its own when absent. */
  readonly informers?: SharedInformerFactory;
}

export interface RunningProcessRuntime extends RunningComponent {
  readonly kubelet: Kubelet;
  /** A container's logs, while its pod exists. */
  logs(namespace: string, pod: string, container: string): ContainerLogs | undefined;
}

/**
 * Makes Deployments real on this machine: pods as Pod objects and child
 * processes, Endpoints for Services with selectors. Stops every process when
 * `signal` aborts; `done` resolves once they are all gone.
 */
export function startProcessRuntime(deps: ProcessRuntimeDeps): RunningProcessRuntime {
  const { client, clock, logger, signal } = deps;
  const informers = deps.informers ?? new SharedInformerFactory({ client, clock, logger });
  const sidecars = deps.sidecars ?? { [QUEUE_PROXY_CONTAINER_NAME]: queueProxySidecar() };
  const kubelet = new Kubelet({ ...deps, sidecars, client, informers, clock, logger });

  const deployments = new Controller({
    name: 'deployment-controller',
    resource: apps.deployments,
    client,
    informerFactory: informers,
    reconciler: new DeploymentReconciler({ client, nodeName: kubelet.nodeName, podFinalizers: [LOCAL_POD_FINALIZER] }),
    clock,
    logger,
  });
  const pods = informers.informerFor(core.pods);
  pods.addEventHandler(enqueueOwnerOfKind('apps', 'Deployment', (key) => deployments.enqueueKey(key)));

  const services = informers.informerFor(core.services);
  const endpointsInformer = informers.informerFor(core.endpoints);
  const endpoints = new Controller({
    name: 'endpoints-controller',
    resource: core.services,
    client,
    informerFactory: informers,
    reconciler: new EndpointsReconciler({ client, pods: pods.lister, endpoints: endpointsInformer.lister }),
    skipStatusUpdates: true,
    clock,
    logger,
  });
  const enqueueSelecting = (pod: Pod) => {
    for (const svc of services.lister.list(pod.metadata?.namespace)) {
      if (svc.spec?.selector && selects(svc.spec.selector, pod)) endpoints.enqueue(svc);
    }
  };
  pods.addEventHandler({ onAdd: enqueueSelecting, onUpdate: (old, pod) => (enqueueSelecting(old), enqueueSelecting(pod)), onDelete: enqueueSelecting });
  // Someone else's edit of a managed Endpoints is put right.
  endpointsInformer.addEventHandler(handleAll((ep) => (services.lister.get(ep.metadata?.namespace, ep.metadata?.name ?? '') ? endpoints.enqueueKey(objectKey(ep)) : undefined)));
  services.addEventHandler({ onDelete: (svc: Service) => void deleteEndpointsOf(svc) });

  async function deleteEndpointsOf(svc: Service): Promise<void> {
    if (!svc.spec?.selector || signal.aborted) return;
    try {
      await client.delete(core.endpoints, svc.metadata?.namespace, svc.metadata?.name ?? '');
    } catch (err) {
      if (!isApiError(err, 'NotFound')) logger.warn({ err, service: objectKey(svc) }, 'deleting the Endpoints of a deleted Service failed');
    }
  }

  const done = Promise.all([deployments.run(signal), endpoints.run(signal), kubelet.run(signal)]).then(async () => {
    if (!deps.informers) await informers.stop();
  });
  return { kubelet, done, logs: (namespace, pod, container) => kubelet.logs(namespace, pod, container) };
}
