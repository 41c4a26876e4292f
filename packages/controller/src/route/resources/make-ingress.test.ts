import { parseConfigDomain, parseConfigFeatures, parseConfigNetwork, type Configuration, type HTTPIngressPath, type Ingress, type IngressRule, type Revision, type Route, type TrafficTarget } from '@knot/api';
import { resolveVisibility } from '../domains/visibility.js';
import { DEFAULT_ROUTE_CONFIG, type RouteConfig } from '../route-config.js';
import { buildTrafficConfiguration } from '../traffic/build-traffic.js';
import { buildRollout, type Rollout } from '../traffic/rollout.js';
import { HttpProtocolError } from './http-option.js';
import { makeIngress } from './make-ingress.js';

const rev = (name: string, config: string, h2c = false): Revision => ({
  metadata: { name, namespace: 'ns', generation: 1, labels: { 'serving.knative.dev/configuration': config } },
  spec: { containers: [{ name: 'user-container', image: 'img', ...(h2c ? { ports: [{ name: 'h2c', containerPort: 8080 }] } : {}) }] },
  status: { observedGeneration: 1, conditions: [{ type: 'Ready', status: 'True' }] },
});
const configs: Configuration[] = [
  { metadata: { name: 'c', namespace: 'ns' }, spec: { template: { spec: { containers: [] } } }, status: { latestReadyRevisionName: 'c-2' } },
  { metadata: { name: 'g', namespace: 'ns' }, spec: { template: { spec: { containers: [] } } }, status: { latestReadyRevisionName: 'g-1' } },
];
const revisions = [rev('c-1', 'c'), rev('c-2', 'c'), rev('g-1', 'g', true)];

const route = (traffic: TrafficTarget[], labels: Record<string, string> = {}, annotations?: Record<string, string>): Route => ({
  apiVersion: 'serving.knative.dev/v1',
  kind: 'Route',
  metadata: { name: 'hello', namespace: 'ns', uid: 'route-uid', labels, ...(annotations ? { annotations } : {}) },
  spec: { traffic },
});
const config = (network: Record<string, string> = {}, features: Record<string, string> = {}): RouteConfig => ({
  ...DEFAULT_ROUTE_CONFIG,
  network: parseConfigNetwork(network),
  domain: parseConfigDomain({ 'example.com': '' }),
  features: parseConfigFeatures(features),
});

function build(r: Route, cfg = config(), rollout?: Rollout): Ingress {
  const { config: traffic, error } = buildTrafficConfiguration(r, {
    configuration: (n) => configs.find((c) => c.metadata?.name === n),
    revision: (n) => revisions.find((x) => x.metadata?.name === n),
  });
  if (error) throw error;
  return makeIngress({ route: r, traffic, visibility: resolveVisibility(cfg, r, []), rollout: rollout ?? buildRollout(traffic), config: cfg, ingressClass: cfg.network.ingressClass });
}

const split = (revision: string, percent: number, port = 80) => ({
  serviceNamespace: 'ns',
  serviceName: revision,
  servicePort: port,
  percent,
  appendHeaders: { 'Knative-Serving-Revision': revision, 'Knative-Serving-Namespace': 'ns' },
});
const path = (...splits: ReturnType<typeof split>[]): HTTPIngressPath => ({ splits });
const local = (host: string, ...paths: HTTPIngressPath[]): IngressRule => ({
  hosts: [`${host}.ns`, `${host}.ns.svc`, `${host}.ns.svc.cluster.local`],
  visibility: 'ClusterLocal',
  http: { paths },
});
const external = (host: string, ...paths: HTTPIngressPath[]): IngressRule => ({ hosts: [`${host}.ns.example.com`], visibility: 'ExternalIP', http: { paths } });

describe('makeIngress', () => {
  test('a route to the latest revision: object metadata and both rules', () => {
    expect(build(route([{ configurationName: 'c', percent: 100 }], { app: 'x' }, { team: 'blue' }))).toEqual({
      apiVersion: 'networking.internal.knative.dev/v1alpha1',
      kind: 'Ingress',
      metadata: {
        name: 'hello',
        namespace: 'ns',
        labels: { app: 'x', 'serving.knative.dev/route': 'hello', 'serving.knative.dev/routeNamespace': 'ns' },
        annotations: {
          team: 'blue',
          'networking.knative.dev/ingress.class': 'knot.ingress.networking.knative.dev',
          'networking.internal.knative.dev/rollout': '{"configurations":[{"configurationName":"c","percent":100,"revisions":[{"revisionName":"c-2","percent":100}],"stepParams":{}}]}',
        },
        ownerReferences: [{ apiVersion: 'serving.knative.dev/v1', kind: 'Route', name: 'hello', uid: 'route-uid', controller: true, blockOwnerDeletion: true }],
      },
      spec: { rules: [local('hello', path(split('c-2', 100))), external('hello', path(split('c-2', 100)))], httpOption: 'Enabled' },
    });
  });

  test.each<{ name: string; r: Route; cfg?: RouteConfig; rollout?: Rollout; rules: IngressRule[]; annotations?: Record<string, string> }>([
    {
      name: 'a 90/10 split with a tag for the candidate',
      r: route([
        { revisionName: 'c-1', percent: 90 },
        { configurationName: 'c', percent: 10, tag: 'candidate' },
      ]),
      rules: [
        local('hello', path(split('c-1', 90), split('c-2', 10))),
        external('hello', path(split('c-1', 90), split('c-2', 10))),
        local('candidate-hello', path(split('c-2', 100))),
        external('candidate-hello', path(split('c-2', 100))),
      ],
      annotations: { 'networking.internal.knative.dev/tag-to-host': '{"candidate":["candidate-hello.ns.svc.cluster.local","candidate-hello.ns.example.com"]}' },
    },
    {
      name: 'a 0% tag gets no split in the default group',
      r: route([
        { configurationName: 'c', percent: 100 },
        { revisionName: 'c-1', percent: 0, tag: 'old' },
      ]),
      rules: [local('hello', path(split('c-2', 100))), external('hello', path(split('c-2', 100))), local('old-hello', path(split('c-1', 100))), external('old-hello', path(split('c-1', 100)))],
    },
    {
      name: 'a cluster-local route has no external rule',
      r: route([{ configurationName: 'c', percent: 100 }], { 'networking.knative.dev/visibility': 'cluster-local' }),
      rules: [local('hello', path(split('c-2', 100)))],
    },
    {
      name: 'an h2c revision is reached on port 81',
      r: route([{ configurationName: 'g', percent: 100 }]),
      rules: [local('hello', path(split('g-1', 100, 81))), external('hello', path(split('g-1', 100, 81)))],
    },
    {
      name: 'system-internal-tls sends everything to 443',
      r: route([{ configurationName: 'g', percent: 100 }]),
      cfg: config({ 'system-internal-tls': 'enabled' }),
      rules: [local('hello', path(split('g-1', 100, 443))), external('hello', path(split('g-1', 100, 443)))],
    },
    {
      name: 'a rollout in progress splits the configuration over its revisions',
      r: route([{ configurationName: 'c', percent: 100 }]),
      rollout: {
        configurations: [
          {
            configurationName: 'c',
            percent: 100,
            revisions: [
              { revisionName: 'c-1', percent: 99 },
              { revisionName: 'c-2', percent: 1 },
            ],
            stepParams: { starttime: 5 },
          },
        ],
      },
      rules: [local('hello', path(split('c-1', 99), split('c-2', 1))), external('hello', path(split('c-1', 99), split('c-2', 1)))],
    },
    {
      name: 'tag header routing adds header paths and marks the default route',
      r: route([
        { configurationName: 'c', percent: 100 },
        { revisionName: 'c-1', percent: 0, tag: 'old' },
      ]),
      cfg: config({}, { 'tag-header-based-routing': 'Enabled' }),
      rules: [
        local('hello', { ...path(split('c-1', 100)), headers: { 'Knative-Serving-Tag': { exact: 'old' } } }, { ...path(split('c-2', 100)), appendHeaders: { 'Knative-Serving-Default-Route': 'true' } }),
        external('hello', { ...path(split('c-1', 100)), headers: { 'Knative-Serving-Tag': { exact: 'old' } } }, { ...path(split('c-2', 100)), appendHeaders: { 'Knative-Serving-Default-Route': 'true' } }),
        local('old-hello', { ...path(split('c-1', 100)), appendHeaders: { 'Knative-Serving-Tag': 'old' } }),
        external('old-hello', { ...path(split('c-1', 100)), appendHeaders: { 'Knative-Serving-Tag': 'old' } }),
      ],
    },
  ])('$name', ({ r, cfg, rollout, rules, annotations }) => {
    const ing = build(r, cfg, rollout);
    expect(ing.spec.rules).toEqual(rules);
    for (const [k, v] of Object.entries(annotations ?? {})) expect(ing.metadata?.annotations?.[k]).toBe(v);
  });

  test.each([
    {
      name: "the route's ingress class wins and alternate spellings stay behind",
      annotations: { 'networking.knative.dev/ingress.class': 'other', 'networking.knative.dev/certificate-class': 'x', 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
      want: { 'networking.knative.dev/ingress.class': 'other' },
      absent: ['networking.knative.dev/certificate-class', 'kubectl.kubernetes.io/last-applied-configuration'],
    },
  ])('annotations: $name', ({ annotations, want, absent }) => {
    const ing = build(route([{ configurationName: 'c', percent: 100 }], {}, annotations));
    expect(ing.metadata?.annotations).toMatchObject(want);
    for (const k of absent) expect(ing.metadata?.annotations).not.toHaveProperty(k);
  });

  test.each<{ name: string; network: Record<string, string>; annotations: Record<string, string> | undefined; want: string | undefined }>([
    { name: 'config-network redirected', network: { 'http-protocol': 'redirected' }, annotations: undefined, want: 'Redirected' },
    { name: 'config-network disabled sets none', network: { 'http-protocol': 'disabled' }, annotations: undefined, want: undefined },
    { name: 'the route annotation wins', network: {}, annotations: { 'networking.knative.dev/http-protocol': 'Redirected' }, want: 'Redirected' },
  ])('httpOption: $name', ({ network, annotations, want }) => {
    expect(build(route([{ configurationName: 'c', percent: 100 }], {}, annotations), config(network)).spec.httpOption).toBe(want);
  });

  test('an unknown http-protocol annotation is an error', () => {
    expect(() => build(route([{ configurationName: 'c', percent: 100 }], {}, { 'networking.knative.dev/http-protocol': 'sometimes' }))).toThrow(HttpProtocolError);
  });
});
