import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { CONFIG_NETWORK } from '../constants/config-maps.js';
import { FieldErrors } from '../field-error.js';
import {
  DEFAULT_DOMAIN_TEMPLATE,
  DEFAULT_TAG_TEMPLATE,
  domainTemplateProblem,
  tagTemplateProblem,
} from './domain-template.js';
import { labelSelectorFromYaml } from './label-selector.js';
import { asBool, asEnum, asField, asInt, asString, atLeast, parseFields, snapshot } from './parse.js';
import type { ConfigData, FieldParser } from './parse.js';

/**
 * knot's own gateway, the default ingress class. Knative's upstream default is
 * `istio.ingress.networking.knative.dev`; knot ships its gateway instead, so it defaults to it.
 */
export const KNOT_INGRESS_CLASS = 'knot.ingress.networking.knative.dev';
/** Knative's default certificate class (cert-manager). */
export const CERT_MANAGER_CERTIFICATE_CLASS = 'cert-manager.certificate.networking.knative.dev';

export type HttpProtocol = 'enabled' | 'disabled' | 'redirected';
export type EncryptionMode = 'enabled' | 'disabled';
export type MeshCompatibilityMode = 'enabled' | 'disabled' | 'auto';

/** `config-network` in `knative-serving` (knative.dev/networking pkg/config). */
export interface ConfigNetwork {
  /** ingress-class (legacy `ingress.class`) */
  readonly ingressClass: string;
  /** certificate-class (legacy `certificate.class`) */
  readonly certificateClass: string;
  /** domain-template: Go template for a route's host (see renderDomainTemplate). */
  readonly domainTemplate: string;
  /** tag-template: Go template for a tag's host name (see renderTagTemplate). */
  readonly tagTemplate: string;
  /** external-domain-tls (`Enabled` in any case); falls back to the deprecated auto-tls. */
  readonly externalDomainTLS: boolean;
  /** auto-tls: deprecated spelling, kept equal to externalDomainTLS when that key is set. */
  readonly autoTLS: boolean;
  /** cluster-local-domain-tls */
  readonly clusterLocalDomainTLS: EncryptionMode;
  /** system-internal-tls; `enabled` also when the deprecated internal-encryption is true. */
  readonly systemInternalTLS: EncryptionMode;
  /** internal-encryption: deprecated, true when systemInternalTLS is enabled. */
  readonly internalEncryption: boolean;
  /** http-protocol (legacy `httpProtocol`) */
  readonly httpProtocol: HttpProtocol;
  /** default-external-scheme (legacy `defaultExternalScheme`): scheme of external URLs without TLS. */
  readonly defaultExternalScheme: string;
  /** rollout-duration (legacy `rolloutDuration`), whole seconds ≥ 0. */
  readonly rolloutDurationSeconds: number;
  /** autocreate-cluster-domain-claims (legacy `autocreateClusterDomainClaims`) */
  readonly autocreateClusterDomainClaims: boolean;
  /** enable-mesh-pod-addressability */
  readonly enableMeshPodAddressability: boolean;
  /** mesh-compatibility-mode; unknown values keep the default, as in Knative. */
  readonly meshCompatibilityMode: MeshCompatibilityMode;
  /** namespace-wildcard-cert-selector (YAML); undefined selects no namespace. */
  readonly namespaceWildcardCertSelector: LabelSelector | undefined;
}

export const DEFAULT_CONFIG_NETWORK: ConfigNetwork = Object.freeze({
  ingressClass: KNOT_INGRESS_CLASS,
  certificateClass: CERT_MANAGER_CERTIFICATE_CLASS,
  domainTemplate: DEFAULT_DOMAIN_TEMPLATE,
  tagTemplate: DEFAULT_TAG_TEMPLATE,
  externalDomainTLS: false,
  autoTLS: false,
  clusterLocalDomainTLS: 'disabled',
  systemInternalTLS: 'disabled',
  internalEncryption: false,
  httpProtocol: 'enabled',
  defaultExternalScheme: 'http',
  rolloutDurationSeconds: 0,
  autocreateClusterDomainClaims: false,
  enableMeshPodAddressability: false,
  meshCompatibilityMode: 'auto',
  namespaceWildcardCertSelector: undefined,
});

// Knative reads these as "is it `enabled`?": any other value means off, never an error.
const asEnabled = (keys: readonly string[], fallback: boolean): FieldParser<boolean> =>
  asField<boolean>(keys, fallback, (raw) => ({ value: raw.toLowerCase() === 'enabled' }));

const asMeshMode = (key: string, fallback: MeshCompatibilityMode): FieldParser<MeshCompatibilityMode> =>
  asField<MeshCompatibilityMode>(key, fallback, (raw) => {
    const mode = (['enabled', 'disabled', 'auto'] as const).find((m) => m === raw.toLowerCase());
    return { value: mode ?? fallback };
  });

const asSelector = (key: string): FieldParser<LabelSelector | undefined> =>
  asField<LabelSelector | undefined>(key, undefined, (raw) => (raw === '' ? { value: undefined } : labelSelectorFromYaml(raw)));

// Knative reads these in any case and treats an empty value as unset.
const LENIENT = { caseInsensitive: true, emptyIsDefault: true };

const d = DEFAULT_CONFIG_NETWORK;
const FIELDS = {
  ingressClass: asString(['ingress-class', 'ingress.class'], d.ingressClass),
  certificateClass: asString(['certificate-class', 'certificate.class'], d.certificateClass),
  domainTemplate: asString(['domain-template', 'domainTemplate'], d.domainTemplate, domainTemplateProblem),
  tagTemplate: asString(['tag-template', 'tagTemplate'], d.tagTemplate, tagTemplateProblem),
  rolloutDurationSeconds: asInt(['rollout-duration', 'rolloutDuration'], d.rolloutDurationSeconds, atLeast(0)),
  autocreateClusterDomainClaims: asBool(
    ['autocreate-cluster-domain-claims', 'autocreateClusterDomainClaims'],
    d.autocreateClusterDomainClaims,
  ),
  enableMeshPodAddressability: asBool('enable-mesh-pod-addressability', d.enableMeshPodAddressability),
  defaultExternalScheme: asString(['default-external-scheme', 'defaultExternalScheme'], d.defaultExternalScheme),
  internalEncryption: asBool('internal-encryption', d.internalEncryption),
  meshCompatibilityMode: asMeshMode('mesh-compatibility-mode', d.meshCompatibilityMode),
  namespaceWildcardCertSelector: asSelector('namespace-wildcard-cert-selector'),
  // The newest spelling wins; auto-tls and autoTLS are the deprecated ones.
  externalDomainTLS: asEnabled(['external-domain-tls', 'auto-tls', 'autoTLS'], d.externalDomainTLS),
  httpProtocol: asEnum<HttpProtocol>(['http-protocol', 'httpProtocol'], d.httpProtocol, ['enabled', 'disabled', 'redirected'], LENIENT),
  systemInternalTLS: asEnum<EncryptionMode>('system-internal-tls', d.systemInternalTLS, ['enabled', 'disabled'], LENIENT),
  clusterLocalDomainTLS: asEnum<EncryptionMode>('cluster-local-domain-tls', d.clusterLocalDomainTLS, ['enabled', 'disabled'], LENIENT),
};

/** Parses `config-network` as knative.dev/networking does; throws ConfigError naming each bad key. */
export function parseConfigNetwork(data: ConfigData): ConfigNetwork {
  const errs = new FieldErrors();
  const v = parseFields(data, FIELDS, errs);
  // The deprecated internal-encryption turns system-internal-tls on when that is unset or empty.
  const systemInternalTLS = v.internalEncryption ? 'enabled' : v.systemInternalTLS;
  return snapshot(CONFIG_NETWORK, errs, {
    ...v,
    autoTLS: v.externalDomainTLS,
    systemInternalTLS,
    internalEncryption: systemInternalTLS === 'enabled',
  });
}
