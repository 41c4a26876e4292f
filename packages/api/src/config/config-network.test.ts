import { DEFAULT_CONFIG_NETWORK, KNOT_INGRESS_CLASS, parseConfigNetwork } from './config-network.js';
import type { ConfigNetwork } from './config-network.js';
import { configProblems } from './testing/config-problems.js';

const problems = (data: Record<string, string>): string[] => configProblems(parseConfigNetwork, data);

test('empty data gives the documented defaults', () => {
  expect(parseConfigNetwork(undefined)).toEqual(DEFAULT_CONFIG_NETWORK);
  expect(parseConfigNetwork({})).toMatchObject({
    ingressClass: KNOT_INGRESS_CLASS,
    certificateClass: 'cert-manager.certificate.networking.knative.dev',
    domainTemplate: '{{.Name}}.{{.Namespace}}.{{.Domain}}',
    tagTemplate: '{{.Tag}}-{{.Name}}',
    httpProtocol: 'enabled',
    defaultExternalScheme: 'http',
    rolloutDurationSeconds: 0,
    externalDomainTLS: false,
  });
});

test.each<{ name: string; data: Record<string, string>; want: Partial<ConfigNetwork> }>([
  { name: 'ingress-class', data: { 'ingress-class': 'istio.ingress.networking.knative.dev' }, want: { ingressClass: 'istio.ingress.networking.knative.dev' } },
  { name: 'legacy ingress.class', data: { 'ingress.class': 'a' }, want: { ingressClass: 'a' } },
  { name: 'new key beats legacy', data: { 'ingress.class': 'a', 'ingress-class': 'b' }, want: { ingressClass: 'b' } },
  { name: 'certificate-class', data: { 'certificate-class': 'c' }, want: { certificateClass: 'c' } },
  {
    name: 'domain-template',
    data: { 'domain-template': '{{.Name}}-{{.Namespace}}.{{.Domain}}' },
    want: { domainTemplate: '{{.Name}}-{{.Namespace}}.{{.Domain}}' },
  },
  { name: 'legacy domainTemplate', data: { domainTemplate: '{{.Namespace}}.{{.Name}}.{{.Domain}}' }, want: { domainTemplate: '{{.Namespace}}.{{.Name}}.{{.Domain}}' } },
  { name: 'tag-template', data: { 'tag-template': '{{.Name}}-{{.Tag}}' }, want: { tagTemplate: '{{.Name}}-{{.Tag}}' } },
  { name: 'external-domain-tls', data: { 'external-domain-tls': 'Enabled' }, want: { externalDomainTLS: true, autoTLS: true } },
  { name: 'deprecated auto-tls', data: { 'auto-tls': 'enabled' }, want: { externalDomainTLS: true, autoTLS: true } },
  { name: 'external-domain-tls beats auto-tls', data: { 'auto-tls': 'enabled', 'external-domain-tls': 'disabled' }, want: {} },
  { name: 'tls word other than enabled means off', data: { 'external-domain-tls': 'yes' }, want: {} },
  { name: 'http-protocol Redirected', data: { 'http-protocol': 'Redirected' }, want: { httpProtocol: 'redirected' } },
  { name: 'legacy httpProtocol', data: { httpProtocol: 'disabled' }, want: { httpProtocol: 'disabled' } },
  { name: 'empty http-protocol', data: { 'http-protocol': '' }, want: {} },
  { name: 'default-external-scheme', data: { 'default-external-scheme': 'https' }, want: { defaultExternalScheme: 'https' } },
  { name: 'rollout-duration', data: { 'rollout-duration': '120' }, want: { rolloutDurationSeconds: 120 } },
  { name: 'autocreate-cluster-domain-claims', data: { 'autocreate-cluster-domain-claims': 'true' }, want: { autocreateClusterDomainClaims: true } },
  { name: 'enable-mesh-pod-addressability', data: { 'enable-mesh-pod-addressability': 'true' }, want: { enableMeshPodAddressability: true } },
  { name: 'mesh-compatibility-mode', data: { 'mesh-compatibility-mode': 'Enabled' }, want: { meshCompatibilityMode: 'enabled' } },
  { name: 'unknown mesh mode keeps default', data: { 'mesh-compatibility-mode': 'sometimes' }, want: {} },
  { name: 'cluster-local-domain-tls', data: { 'cluster-local-domain-tls': 'Enabled' }, want: { clusterLocalDomainTLS: 'enabled' } },
  { name: 'system-internal-tls', data: { 'system-internal-tls': 'enabled' }, want: { systemInternalTLS: 'enabled', internalEncryption: true } },
  { name: 'deprecated internal-encryption', data: { 'internal-encryption': 'true' }, want: { systemInternalTLS: 'enabled', internalEncryption: true } },
  {
    name: 'namespace-wildcard-cert-selector',
    data: {
      'namespace-wildcard-cert-selector':
        'matchExpressions:\n- key: kubernetes.io/metadata.name\n  operator: NotIn\n  values: [kube-system]\n',
    },
    want: {
      namespaceWildcardCertSelector: {
        matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }],
      },
    },
  },
  { name: 'selector by labels', data: { 'namespace-wildcard-cert-selector': 'matchLabels: {certs: "yes"}' }, want: { namespaceWildcardCertSelector: { matchLabels: { certs: 'yes' } } } },
])('parses $name', ({ data, want }) => {
  expect(parseConfigNetwork(data)).toEqual({ ...DEFAULT_CONFIG_NETWORK, ...want });
});

test.each<{ name: string; data: Record<string, string>; want: string }>([
  { name: 'negative rollout', data: { 'rollout-duration': '-1' }, want: 'rollout-duration: must be at least 0, got -1' },
  { name: 'rollout not an integer', data: { rolloutDuration: '1m' }, want: 'rolloutDuration: not an integer: "1m"' },
  { name: 'http-protocol', data: { 'http-protocol': 'sometimes' }, want: 'http-protocol: must be one of enabled, disabled, redirected, got "sometimes"' },
  { name: 'system-internal-tls', data: { 'system-internal-tls': 'on' }, want: 'system-internal-tls: must be one of enabled, disabled, got "on"' },
  { name: 'cluster-local-domain-tls', data: { 'cluster-local-domain-tls': 'on' }, want: 'cluster-local-domain-tls: must be one of enabled, disabled, got "on"' },
  { name: 'empty domain template', data: { 'domain-template': '' }, want: 'domain-template: renders an empty host name' },
  {
    name: 'domain template with a path',
    data: { 'domain-template': '{{.Domain}}/{{.Namespace}}/{{.Name}}.' },
    want: 'domain-template: must render a bare host name, got "baz.com/bar/foo."',
  },
  {
    name: 'domain template with a bad variable',
    data: { 'domain-template': '{{.Name}}.{{.NAmespace}}.{{.Domain}}' },
    want: "domain-template: can't evaluate field NAmespace",
  },
  {
    name: 'domain template missing a brace',
    data: { 'domain-template': '{{.Namespace}.{{.Name}}.{{.Domain}}' },
    want: 'domain-template: unsupported template action {{.Namespace}.{{.Name}}',
  },
  { name: 'tag template with a bad variable', data: { 'tag-template': '{{.Tag}}-{{.Namespace}}' }, want: "tag-template: can't evaluate field Namespace" },
  { name: 'bool', data: { 'enable-mesh-pod-addressability': 'sure' }, want: 'enable-mesh-pod-addressability: not a boolean: "sure"' },
  {
    name: 'selector operator',
    data: { 'namespace-wildcard-cert-selector': 'matchExpressions: [{key: a, operator: Near}]' },
    want: 'namespace-wildcard-cert-selector: matchExpressions operator must be one of In, NotIn, Exists, DoesNotExist, got "Near"',
  },
])('rejects $name', ({ data, want }) => {
  expect(problems(data)).toEqual([want]);
});

test('rejects a selector that is not YAML', () => {
  const [problem, ...rest] = problems({ 'namespace-wildcard-cert-selector': 'matchLabels: [' });
  expect(problem).toMatch(/^namespace-wildcard-cert-selector: not valid YAML/);
  expect(rest).toEqual([]);
});
