import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { Addressable, KReference } from '../../duck/addressable.js';
import type { Status } from '../../duck/condition.js';

/** A TLS secret for a custom domain. */
export interface SecretTLS {
  secretName: string;
}

export interface DomainMappingSpec {
  /** The Addressable (usually a Knative Service) the domain maps to; must be in the same namespace. */
  ref: KReference;
  /** Serve HTTPS with this secret instead of an auto-provisioned certificate. */
  tls?: SecretTLS;
}

export interface DomainMappingStatus extends Status {
  url?: string;
  address?: Addressable;
}

/** Maps a custom domain (the object's name) to an Addressable (serving.knative.dev/v1beta1 DomainMapping). */
export interface DomainMapping {
  apiVersion?: 'serving.knative.dev/v1beta1';
  kind?: 'DomainMapping';
  metadata?: ObjectMeta;
  spec: DomainMappingSpec;
  status?: DomainMappingStatus;
}

export const DomainMappingConditions = {
  Ready: 'Ready',
  ReferenceResolved: 'ReferenceResolved',
  IngressReady: 'IngressReady',
  DomainClaimed: 'DomainClaimed',
  CertificateProvisioned: 'CertificateProvisioned',
} as const;
