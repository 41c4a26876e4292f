// The networking Ingress that realises a Route's traffic (Knative's route/resources/ingress.go).
import {
  DEFAULT_ROUTE_HEADER,
  INGRESS_CLASS_ANNOTATION_KEY,
  REVISION_HEADER_NAME,
  REVISION_HEADER_NAMESPACE,
  ROLLOUT_ANNOTATION_KEY,
  ROUTE_LABEL_KEY,
  ROUTE_NAMESPACE_LABEL_KEY,
  ROUTE_TAG_HEADER,
  SERVICE_HTTP2_PORT,
  SERVICE_HTTPS_PORT,
  SERVICE_HTTP_PORT,
  TAG_TO_HOST_ANNOTATION_KEY,
  childName,
  type HTTPIngressPath,
  type Ingress,
  type IngressBackendSplit,
  type IngressRule,
  type IngressTLS,
  type IngressVisibility,
  type Route,
} from '@knot/api';
import { DEFAULT_TARGET, domainsForVisibility } from '../domains/domains.js';
import { visibilityOf } from '../domains/visibility.js';
import type { RouteConfig } from '../route-config.js';
import type { RevisionTarget, TrafficConfig } from '../traffic/build-traffic.js';
import { serializeRollout } from '../traffic/rollout-annotation.js';
import { rolloutsByTag, type ConfigurationRollout, type Rollout } from '../traffic/rollout.js';
import { httpOptionFor } from './http-option.js';
import { childAnnotations, routeMeta, routeOwnerReference } from './route-meta.js';

export interface IngressInputs {
  readonly route: Route;
  readonly traffic: TrafficConfig;
  readonly visibility: ReadonlyMap<string, IngressVisibility>;
  /** The traffic shape to program: the steady state, or a step of a gradual rollout. */
  readonly rollout: Rollout;
  readonly config: RouteConfig;
  readonly ingressClass: string;
  readonly tls?: readonly IngressTLS[];
}

/** The Ingress's name: the route's, cut to a valid length. */
export function ingressName(route: Route): string {
  return childName(route.metadata?.name ?? '', '');
}

export function makeIngress(inputs: IngressInputs): Ingress {
  const { route, config, rollout, ingressClass } = inputs;
  const name = route.metadata?.name ?? '';
  const namespace = route.metadata?.namespace ?? '';
  const { rules, tagToHost } = makeRules(inputs);
  const annotations = childAnnotations(route.metadata?.annotations, { [INGRESS_CLASS_ANNOTATION_KEY]: ingressClass, [ROLLOUT_ANNOTATION_KEY]: serializeRollout(rollout) });
  // Go's json.Marshal sorts map keys.
  if (tagToHost.size > 0) annotations[TAG_TO_HOST_ANNOTATION_KEY] = JSON.stringify(Object.fromEntries([...tagToHost].sort(([a], [b]) => (a < b ? -1 : 1))));
  const httpOption = httpOptionFor(config.network, route.metadata?.annotations);
  return {
    apiVersion: 'networking.internal.knative.dev/v1alpha1',
    kind: 'Ingress',
    metadata: {
      name: ingressName(route),
      namespace,
      labels: { ...route.metadata?.labels, [ROUTE_LABEL_KEY]: name, [ROUTE_NAMESPACE_LABEL_KEY]: namespace },
      annotations,
      ownerReferences: [routeOwnerReference(route)],
    },
    spec: {
      rules,
      ...(inputs.tls?.length ? { tls: [...inputs.tls] } : {}),
      ...(httpOption ? { httpOption } : {}),
    },
  };
}

function makeRules(inputs: IngressInputs): { rules: IngressRule[]; tagToHost: Map<string, string[]> } {
  const { route, traffic, visibility, rollout, config } = inputs;
  const namespace = route.metadata?.namespace ?? '';
  const port = servicePortFor(config);
  const tagRouting = config.features.tagHeaderBasedRouting === 'Enabled';
  const names = [...traffic.targets.keys()].sort();
  const rules: IngressRule[] = [];
  const tagToHost = new Map<string, string[]>();
  for (const name of names) {
    // Every group is reachable inside the cluster; only public ones also outside.
    const visibilities: IngressVisibility[] = visibilityOf(visibility, name) === 'ClusterLocal' ? ['ClusterLocal'] : ['ClusterLocal', 'ExternalIP'];
    for (const v of visibilities) {
      const domains = domainsForVisibility(config, routeMeta(route), name, v);
      // External hosts get a rule each (room for per-host ACME paths); cluster-local ones share one.
      const hostSets = v === 'ClusterLocal' ? [domains.expanded] : domains.expanded.map((h) => [h]);
      for (const hosts of hostSets) {
        const base = basePath(namespace, traffic.targets.get(name) ?? [], rolloutsByTag(rollout, name), port);
        let paths = [base];
        if (tagRouting && name === DEFAULT_TARGET) {
          // Requests naming a tag in Knative-Serving-Tag go to that tag's revision.
          base.appendHeaders = { ...base.appendHeaders, [DEFAULT_ROUTE_HEADER]: 'true' };
          paths = [...names.filter((n) => n !== DEFAULT_TARGET).map((tag) => tagPath(namespace, traffic, rollout, tag, port)), base];
        } else if (tagRouting) {
          base.appendHeaders = { ...base.appendHeaders, [ROUTE_TAG_HEADER]: name };
        }
        rules.push({ hosts: [...hosts], visibility: v, http: { paths } });
      }
      if (name !== DEFAULT_TARGET) tagToHost.set(name, [...(tagToHost.get(name) ?? []), domains.primary]);
    }
  }
  return { rules, tagToHost };
}

function tagPath(namespace: string, traffic: TrafficConfig, rollout: Rollout, tag: string, port: number): HTTPIngressPath {
  const path = basePath(namespace, traffic.targets.get(tag) ?? [], rolloutsByTag(rollout, tag), port);
  return { ...path, headers: { [ROUTE_TAG_HEADER]: { exact: tag } } };
}

/** Splits of one traffic group; a configuration in the middle of a rollout splits over its revisions. */
function basePath(namespace: string, targets: readonly RevisionTarget[], rollouts: readonly ConfigurationRollout[], port: number): HTTPIngressPath {
  const splits: IngressBackendSplit[] = [];
  for (const t of targets) {
    if (t.percent === 0) continue;
    const rolling = t.latestRevision ? rollouts.find((c) => c.configurationName === t.configurationName) : undefined;
    const revisions = rolling && (rolling.revisions ?? []).length >= 2 ? (rolling.revisions ?? []) : [{ revisionName: t.revisionName, percent: t.percent }];
    for (const rev of revisions) {
      splits.push({
        serviceNamespace: namespace,
        // The revision's public K8s Service: its port matches the activator's, for a seamless handoff.
        serviceName: rev.revisionName,
        servicePort: port === SERVICE_HTTPS_PORT ? port : t.protocol === 'h2c' ? SERVICE_HTTP2_PORT : SERVICE_HTTP_PORT,
        percent: rev.percent,
        appendHeaders: { [REVISION_HEADER_NAME]: rev.revisionName, [REVISION_HEADER_NAMESPACE]: namespace },
      });
    }
  }
  return { splits };
}

/** 443 with system-internal TLS; otherwise the per-protocol port is picked per split. */
function servicePortFor(config: RouteConfig): number {
  return config.network.systemInternalTLS === 'enabled' ? SERVICE_HTTPS_PORT : SERVICE_HTTP_PORT;
}
