// Helpers for controller tests that watch which keys a controller's event handlers queue.
import { ALL_RESOURCES, apiVersionOf, type KubeObject } from '@knot/api';
import type { Client, Controller } from '@knot/runtime';
import { flushPromises } from '@knot/runtime/testing';

/** Creates each object under its kind from @knot/api's registry. */
export async function createAll(client: Client, objects: readonly KubeObject[]): Promise<void> {
  for (const obj of objects) {
    const rt = ALL_RESOURCES.find((k) => apiVersionOf(k) === obj.apiVersion && k.kind === obj.kind);
    if (!rt) throw new Error(`no resource type for ${obj.apiVersion} ${obj.kind}`);
    await client.create(rt, obj);
  }
}

/** The keys queued since the last drain, in queue order, each marked done. */
export async function drainQueue(controller: Controller<KubeObject>): Promise<string[]> {
  await flushPromises();
  const keys: string[] = [];
  while (controller.queue.len > 0) {
    const key = await controller.queue.get();
    if (key === undefined) break;
    keys.push(key);
    controller.queue.done(key);
  }
  return keys;
}
