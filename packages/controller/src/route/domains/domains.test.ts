import { parseConfigDomain, parseConfigNetwork, type Route } from '@knot/api';
import { DEFAULT_ROUTE_CONFIG, type RouteConfig } from '../route-config.js';
import { DomainNameError, domainsForVisibility, expandedHosts, hostnameFor, trafficURL, type RouteMeta } from './domains.js';
import { resolveVisibility } from './visibility.js';

const config = (network: Record<string, string> = {}, domain: Record<string, string> = { 'example.com': '' }, clusterDomain?: string): RouteConfig => ({
  ...DEFAULT_ROUTE_CONFIG,
  network: parseConfigNetwork(network),
  domain: parseConfigDomain(domain, clusterDomain),
});
const meta = (labels: Record<string, string> = {}, annotations: Record<string, string> = {}): RouteMeta => ({ name: 'hello', namespace: 'ns', labels, annotations });

describe('host names', () => {
  test.each([
    { name: 'the default group is the route name', cfg: config(), tag: '', want: 'hello' },
    { name: 'a tag uses the tag template', cfg: config(), tag: 'v2', want: 'v2-hello' },
    { name: 'a custom tag template', cfg: config({ 'tag-template': '{{.Name}}-{{.Tag}}' }), tag: 'v2', want: 'hello-v2' },
  ])('$name', ({ cfg, tag, want }) => {
    expect(hostnameFor(cfg, 'hello', tag)).toBe(want);
  });
});

describe('domains for a visibility', () => {
  test.each([
    {
      name: 'external route under the default domain',
      cfg: config(),
      m: meta(),
      tag: '',
      visibility: 'ExternalIP' as const,
      want: { primary: 'hello.ns.example.com', expanded: ['hello.ns.example.com'] },
    },
    {
      name: 'the cluster-local view of an external route lists every short name',
      cfg: config(),
      m: meta(),
      tag: '',
      visibility: 'ClusterLocal' as const,
      want: { primary: 'hello.ns.svc.cluster.local', expanded: ['hello.ns', 'hello.ns.svc', 'hello.ns.svc.cluster.local'] },
    },
    {
      name: 'a tag under a custom domain template',
      cfg: config({ 'domain-template': '{{.Name}}-{{.Namespace}}.{{.Domain}}' }),
      m: meta(),
      tag: 'v2',
      visibility: 'ExternalIP' as const,
      want: { primary: 'v2-hello-ns.example.com', expanded: ['v2-hello-ns.example.com'] },
    },
    {
      name: 'cluster-local hosts ignore the custom domain template',
      cfg: config({ 'domain-template': '{{.Name}}-{{.Namespace}}.{{.Domain}}' }),
      m: meta(),
      tag: 'v2',
      visibility: 'ClusterLocal' as const,
      want: { primary: 'v2-hello.ns.svc.cluster.local', expanded: ['v2-hello.ns', 'v2-hello.ns.svc', 'v2-hello.ns.svc.cluster.local'] },
    },
    {
      name: 'a config-domain selector picks the domain by route labels',
      cfg: config({}, { 'example.com': '', 'prod.example.com': 'selector:\n  env: prod\n' }),
      m: meta({ env: 'prod' }),
      tag: '',
      visibility: 'ExternalIP' as const,
      want: { primary: 'hello.ns.prod.example.com', expanded: ['hello.ns.prod.example.com'] },
    },
    {
      name: 'another cluster domain',
      cfg: config({}, {}, 'corp.internal'),
      m: meta(),
      tag: '',
      visibility: 'ClusterLocal' as const,
      want: { primary: 'hello.ns.svc.corp.internal', expanded: ['hello.ns', 'hello.ns.svc', 'hello.ns.svc.corp.internal'] },
    },
    {
      name: 'the template may read annotations',
      cfg: config({ 'domain-template': '{{.Name}}.{{index .Annotations "team"}}.{{.Domain}}' }),
      m: meta({}, { team: 'blue' }),
      tag: '',
      visibility: 'ExternalIP' as const,
      want: { primary: 'hello.blue.example.com', expanded: ['hello.blue.example.com'] },
    },
  ])('$name', ({ cfg, m, tag, visibility, want }) => {
    expect(domainsForVisibility(cfg, m, tag, visibility)).toEqual(want);
  });

  test('a template rendering an invalid host is a DomainNameError', () => {
    const cfg = config({ 'domain-template': '{{.Name}}.{{index .Annotations "sub"}}.{{.Domain}}' });
    const err = (() => {
      try {
        domainsForVisibility(cfg, meta({}, { sub: 'UPPER_case' }), '', 'ExternalIP');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(DomainNameError);
    expect((err as DomainNameError).code).toBe('DomainName');
    expect((err as DomainNameError).message).toMatch(/^domain name error: invalid domain name "hello.UPPER_case.example.com"/);
  });
});

describe('URLs', () => {
  test.each([
    { name: 'external default group', cfg: config(), tag: '', visibility: 'ExternalIP' as const, want: 'http://hello.ns.example.com' },
    { name: 'external tag', cfg: config(), tag: 'v2', visibility: 'ExternalIP' as const, want: 'http://v2-hello.ns.example.com' },
    { name: 'default-external-scheme applies to external hosts', cfg: config({ 'default-external-scheme': 'https' }), tag: '', visibility: 'ExternalIP' as const, want: 'https://hello.ns.example.com' },
    { name: 'cluster-local hosts are always http', cfg: config({ 'default-external-scheme': 'https' }), tag: 'v2', visibility: 'ClusterLocal' as const, want: 'http://v2-hello.ns.svc.cluster.local' },
  ])('$name', ({ cfg, tag, visibility, want }) => {
    expect(trafficURL(cfg, meta(), tag, visibility)).toBe(want);
  });
});

describe('expanded hosts', () => {
  test.each([
    { name: 'a cluster-local host', hosts: ['a.b.svc.cluster.local'], want: ['a.b', 'a.b.svc', 'a.b.svc.cluster.local'] },
    { name: 'an external host stays as it is', hosts: ['a.b.example.com'], want: ['a.b.example.com'] },
    { name: 'a host without a namespace part is not shortened to one label', hosts: ['a.svc.cluster.local'], want: ['a.svc', 'a.svc.cluster.local'] },
  ])('$name', ({ hosts, want }) => {
    expect(expandedHosts(hosts, 'cluster.local')).toEqual(want);
  });
});

describe('visibility', () => {
  const route = (labels: Record<string, string> = {}, tags: string[] = []): Route => ({
    metadata: { name: 'hello', namespace: 'ns', labels },
    spec: { traffic: [{ configurationName: 'c', percent: 100 }, ...tags.map((tag) => ({ revisionName: 'r', percent: 0, tag }))] },
  });
  const svc = (name: string, labels: Record<string, string> = {}) => ({ metadata: { name, namespace: 'ns', labels } });

  test.each([
    { name: 'an ordinary route is external', cfg: config(), r: route(), services: [], want: { '': 'ExternalIP' } },
    {
      name: 'the visibility label makes every group cluster-local',
      cfg: config(),
      r: route({ 'networking.knative.dev/visibility': 'cluster-local' }, ['v2']),
      services: [],
      want: { '': 'ClusterLocal', v2: 'ClusterLocal' },
    },
    {
      name: 'config-domain without a public domain keeps routes in the cluster',
      cfg: config({}, {}),
      r: route(),
      services: [],
      want: { '': 'ClusterLocal' },
    },
    {
      name: 'a config-domain selector choosing svc.cluster.local',
      cfg: config({}, { 'example.com': '', 'svc.cluster.local': 'selector:\n  private: "yes"\n' }),
      r: route({ private: 'yes' }),
      services: [],
      want: { '': 'ClusterLocal' },
    },
    {
      name: 'a labelled placeholder service hides only its tag',
      cfg: config(),
      r: route({}, ['v2', 'v3']),
      services: [svc('hello'), svc('v2-hello', { 'networking.knative.dev/visibility': 'cluster-local' }), svc('v3-hello')],
      want: { '': 'ExternalIP', v2: 'ClusterLocal', v3: 'ExternalIP' },
    },
  ])('$name', ({ cfg, r, services, want }) => {
    expect(Object.fromEntries(resolveVisibility(cfg, r, services))).toEqual(want);
  });
});
