// What a cluster has before knot's workloads arrive: the namespaces, and the
// activator's Endpoints, which in a cluster the kubelet and the Endpoints
// controller publish. In local mode the activator runs inside this process, so
// the platform publishes it itself: a selector-less Service and its Endpoints.
import { ACTIVATOR_SERVICE_NAME, core, type KubeObject, type ResourceType, SERVICE_PORT_NAME_H2C, SERVICE_PORT_NAME_HTTP1 } from '@knot/api';
import { isApiError, type Client } from '@knot/runtime';
import type { EndpointPort, Endpoints, Service } from 'kubernetes-types/core/v1.js';

const LABELS = { 'app.kubernetes.io/name': 'knot', 'app.kubernetes.io/component': 'activator' };

/** The activator's Service and Endpoints, in the shape the ServerlessService reconciler copies from. */
export function activatorObjects(namespace: string, ip: string, ports: { http: number; http2: number }): { service: Service; endpoints: Endpoints } {
  const named: EndpointPort[] = [
    { name: SERVICE_PORT_NAME_HTTP1, port: ports.http, protocol: 'TCP' },
    { name: SERVICE_PORT_NAME_H2C, port: ports.http2, protocol: 'TCP' },
  ];
  const metadata = { namespace, name: ACTIVATOR_SERVICE_NAME, labels: LABELS };
  return {
    service: { apiVersion: 'v1', kind: 'Service', metadata, spec: { ports: named.map((p) => ({ name: p.name, port: p.port, targetPort: p.port, protocol: 'TCP' })) } },
    endpoints: { apiVersion: 'v1', kind: 'Endpoints', metadata, subsets: [{ addresses: [{ ip }], ports: named }] },
  };
}

/** Creates or replaces `obj`, so a restart with a persisted store points at the ports bound this time. */
export async function putObject<T extends KubeObject>(client: Client, rt: ResourceType<T>, obj: T): Promise<void> {
  const namespace = obj.metadata?.namespace;
  const name = obj.metadata?.name ?? '';
  for (;;) {
    try {
      const current = await client.get(rt, namespace, name);
      await client.update(rt, { ...obj, metadata: { ...obj.metadata, resourceVersion: current.metadata?.resourceVersion } });
      return;
    } catch (err) {
      if (isApiError(err, 'Conflict')) continue;
      if (!isApiError(err, 'NotFound')) throw err;
    }
    try {
      await client.create(rt, obj);
      return;
    } catch (err) {
      if (!isApiError(err, 'AlreadyExists')) throw err;
    }
  }
}

/** Removes the activator's objects, so nothing routes to a platform that has stopped. */
export async function removeActivator(client: Client, namespace: string): Promise<void> {
  await deleteIfPresent(client, core.endpoints, namespace, ACTIVATOR_SERVICE_NAME);
  await deleteIfPresent(client, core.services, namespace, ACTIVATOR_SERVICE_NAME);
}

async function deleteIfPresent<T extends KubeObject>(client: Client, rt: ResourceType<T>, namespace: string, name: string): Promise<void> {
  try {
    await client.delete(rt, namespace, name);
  } catch (err) {
    if (!isApiError(err, 'NotFound')) throw err;
  }
}

/** Creates the namespaces that do not exist yet; existing ones are left as they are. */
export async function ensureNamespaces(client: Client, names: readonly string[]): Promise<void> {
  for (const name of names) {
    try {
      await client.create(core.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    } catch (err) {
      if (!isApiError(err, 'AlreadyExists')) throw err;
    }
  }
}
