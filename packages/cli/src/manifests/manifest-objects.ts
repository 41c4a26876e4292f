// The kind and namespace of each manifest object, as `apply` and `delete -f` address it.
import type { KubeObject, ResourceType } from '@knot/api';
import type { Session } from '../commands/command.js';
import { CommandError } from '../errors.js';
import { kindOf } from '../kube/kinds.js';
import type { Manifest } from './read-manifests.js';

export interface ManifestObject {
  readonly manifest: Manifest;
  readonly rt: ResourceType;
  /** The object with its namespace settled (the session's when it names none; none for cluster-scoped kinds). */
  readonly object: KubeObject;
  readonly namespace: string | undefined;
}

export function addressManifest(manifest: Manifest, session: Session): ManifestObject {
  const { object } = manifest;
  const where = `${manifest.source}: document ${manifest.document}`;
  const rt = kindOf(object.apiVersion, object.kind);
  if (!rt) throw new CommandError('MANIFEST', `${where}: no kind ${JSON.stringify(object.kind)} in ${JSON.stringify(object.apiVersion)}; see \`knot api-resources\``);
  if (!rt.namespaced) {
    const { namespace: _ns, ...metadata } = object.metadata;
    return { manifest, rt, object: { ...object, metadata }, namespace: undefined };
  }
  const own = object.metadata.namespace;
  if (own && session.namespaceFromFlag && own !== session.namespace) {
    throw new CommandError('MANIFEST', `${where}: the object's namespace ${JSON.stringify(own)} does not match --namespace ${JSON.stringify(session.namespace)}`);
  }
  const namespace = own || session.namespace;
  return { manifest, rt, object: { ...object, metadata: { ...object.metadata, namespace } }, namespace };
}
