// Host names and URLs of a Route and its tags (Knative's route/domains).
import {
  DEFAULT_DOMAIN_TEMPLATE,
  TemplateError,
  VISIBILITY_CLUSTER_LOCAL,
  VISIBILITY_LABEL_KEY,
  domainFor,
  renderDomainTemplate,
  renderTagTemplate,
  type IngressVisibility,
} from '@knot/api';
import type { RouteConfig } from '../route-config.js';

/** The traffic group of untagged targets. */
export const DEFAULT_TARGET = '';

/** The domain or tag template failed, or rendered something that is not a host name (Knative's ErrDomainName). */
export class DomainNameError extends Error {
  override readonly name = 'DomainNameError';
  readonly code = 'DomainName';
}

/** The parts of a Route's metadata that its host names depend on. */
export interface RouteMeta {
  readonly name: string;
  readonly namespace: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** The sub-domain of a traffic group: the route name, or the tag template's `{tag}-{name}`. */
export function hostnameFor(config: RouteConfig, routeName: string, tag: string): string {
  return rendering('TagTemplate', () => renderTagTemplate(config.network.tagTemplate, { tag, name: routeName }));
}

/**
 * The fully qualified domain name for `name` under the route's domain. Cluster-local
 * routes always use the default template, so their hosts stay resolvable in the cluster.
 */
export function domainNameFor(config: RouteConfig, meta: RouteMeta, name: string): string {
  const labels = meta.labels ?? {};
  const template = labels[VISIBILITY_LABEL_KEY] === VISIBILITY_CLUSTER_LOCAL ? DEFAULT_DOMAIN_TEMPLATE : config.network.domainTemplate;
  return rendering('DomainTemplate', () =>
    renderDomainTemplate(template, {
      name,
      namespace: meta.namespace,
      domain: domainFor(config.domain, labels),
      annotations: meta.annotations,
      labels,
    }),
  );
}

/** The metadata with the visibility label set for cluster-local, removed otherwise. */
export function withVisibility(meta: RouteMeta, clusterLocal: boolean): RouteMeta {
  const { [VISIBILITY_LABEL_KEY]: _dropped, ...labels } = meta.labels ?? {};
  return { ...meta, labels: clusterLocal ? { ...labels, [VISIBILITY_LABEL_KEY]: VISIBILITY_CLUSTER_LOCAL } : labels };
}

export interface Domains {
  /** The host the URL uses. */
  readonly primary: string;
  /** Every host a rule matches, sorted: cluster-local hosts add their short forms. */
  readonly expanded: readonly string[];
}

/** The hosts of one traffic group as seen with one visibility. */
export function domainsForVisibility(config: RouteConfig, meta: RouteMeta, tag: string, visibility: IngressVisibility): Domains {
  const hostname = hostnameFor(config, meta.name, tag);
  const clusterLocal = visibility === 'ClusterLocal';
  const primary = domainNameFor(config, withVisibility(meta, clusterLocal), hostname);
  return { primary, expanded: clusterLocal ? expandedHosts([primary], clusterDomainOf(config)) : [primary] };
}

/**
 * Adds the short names cluster DNS resolves: `a.ns.svc.cluster.local` also
 * answers as `a.ns.svc` and `a.ns` (Knative networking's ExpandedHosts).
 */
export function expandedHosts(hosts: readonly string[], clusterDomain: string): string[] {
  const suffixes = ['', `.${clusterDomain}`, `.svc.${clusterDomain}`];
  const out = new Set<string>();
  for (const host of hosts) {
    for (const suffix of suffixes) {
      if (suffix !== '' && !host.endsWith(suffix)) continue;
      const trimmed = host.slice(0, host.length - suffix.length);
      if (trimmed.includes('.')) out.add(trimmed);
    }
  }
  return [...out].sort();
}

/** `cluster.local` from config-domain's `svc.cluster.local`. */
export function clusterDomainOf(config: RouteConfig): string {
  const local = config.domain.clusterLocalDomain;
  return local.startsWith('svc.') ? local.slice('svc.'.length) : local;
}

/** The in-cluster name of a K8s Service: `name.namespace.svc.cluster.local`. */
export function serviceHostname(name: string, namespace: string, clusterDomain: string): string {
  return `${name}.${namespace}.svc.${clusterDomain}`;
}

/** The URL of a traffic group: http for cluster-local hosts, config-network's default-external-scheme otherwise. */
export function trafficURL(config: RouteConfig, meta: RouteMeta, tag: string, visibility: IngressVisibility): string {
  const clusterLocal = visibility === 'ClusterLocal';
  const host = domainNameFor(config, withVisibility(meta, clusterLocal), hostnameFor(config, meta.name, tag));
  const scheme = clusterLocal ? 'http' : config.network.defaultExternalScheme;
  return `${scheme}://${host}`;
}

function rendering(what: string, render: () => string): string {
  try {
    return render();
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    // renderDomainTemplate reports an unusable result as `invalid domain name ...`, which Knative does not call an execution error.
    const detail = err.message.startsWith('invalid domain name') ? err.message : `error executing the ${what}: ${err.message}`;
    throw new DomainNameError(`domain name error: ${detail}`, { cause: err });
  }
}
