// A DomainMapping's target, from its reference to an address knot can route to (Knative's resolver plus resolveRef).
import type { KReference, Route, Service } from '@knot/api';
import type { Lister } from '@knot/runtime';

/** The Addressables knot can look up: Knative Services and Routes (Kubernetes Services need no lookup). */
export interface AddressableListers {
  readonly services: Pick<Lister<Service>, 'get'>;
  readonly routes: Pick<Lister<Route>, 'get'>;
}

export type Resolution = { readonly host: string; readonly backendService: string } | { readonly problem: string };

/**
 * Where the mapping's traffic goes: the target's host and the K8s Service (in
 * the mapping's namespace) that answers for it. The target must resolve to a
 * plain `http://{name}.{namespace}.svc.{cluster domain}` without a path.
 */
export function resolveReference(ref: KReference, namespace: string, listers: AddressableListers, clusterDomain: string): Resolution {
  const ns = ref.namespace || namespace;
  const url = addressOf(ref, ns, listers, clusterDomain);
  if ('problem' in url) return url;
  const parsed = URL.parse(url.url);
  if (!parsed) return { problem: `resolved URI ${JSON.stringify(url.url)} is not a URL` };
  if (parsed.pathname.replace(/\/$/, '') !== '') return { problem: `resolved URI ${JSON.stringify(url.url)} contains a path` };
  const suffix = `.svc.${clusterDomain}`;
  const parts = parsed.hostname.endsWith(suffix) ? parsed.hostname.slice(0, -suffix.length).split('.') : [];
  const [name, targetNamespace] = parts;
  if (parts.length !== 2 || !name || !targetNamespace) return { problem: `resolved URI ${JSON.stringify(url.url)} must be of the form {name}.{namespace}${suffix}` };
  if (targetNamespace !== namespace) return { problem: `resolved URI ${JSON.stringify(url.url)} must be in same namespace as DomainMapping` };
  return { host: parsed.hostname, backendService: name };
}

function addressOf(ref: KReference, ns: string, listers: AddressableListers, clusterDomain: string): { url: string } | { problem: string } {
  // Kubernetes Services are addressable without being Addressables, as in Knative's resolver.
  if (ref.apiVersion === 'v1' && ref.kind === 'Service') return { url: `http://${ref.name}.${ns}.svc.${clusterDomain}` };
  const lister = ref.apiVersion === 'serving.knative.dev/v1' ? (ref.kind === 'Service' ? listers.services : ref.kind === 'Route' ? listers.routes : undefined) : undefined;
  if (!lister) return { problem: `failed to get object ${ns}/${ref.name}: knot resolves serving.knative.dev/v1 Services and Routes and v1 Services, not ${ref.apiVersion} ${ref.kind}` };
  const obj: Service | Route | undefined = lister.get(ns, ref.name);
  if (!obj) return { problem: `failed to get object ${ns}/${ref.name}: ${ref.kind === 'Service' ? 'services' : 'routes'}.serving.knative.dev "${ref.name}" not found` };
  const address = obj.status?.address;
  if (!address) return { problem: `address not set for ${ref.kind} ${ns}/${ref.name}` };
  if (!address.url) return { problem: `URL missing in address of ${ref.kind} ${ns}/${ref.name}` };
  return { url: address.url };
}
