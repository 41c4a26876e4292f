import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { Status } from '../duck/condition.js';
import type { IntOrString } from './ingress.js';

export interface CertificateSpec {
  /** Names the certificate must cover; wildcards such as `*.default.example.com` are allowed. */
  dnsNames: string[];
  /** The top-level domain of the names. */
  domain?: string;
  /** The Secret the certificate is stored in. */
  secretName: string;
}

/** An HTTP01 challenge the ingress must serve for the certificate to be issued. */
export interface HTTP01Challenge {
  url?: string;
  serviceName?: string;
  serviceNamespace?: string;
  servicePort?: IntOrString;
}

export interface CertificateStatus extends Status {
  /** RFC 3339 expiry of the stored certificate. */
  notAfter?: string;
  http01Challenges?: HTTP01Challenge[];
}

/** networking.internal.knative.dev/v1alpha1 Certificate. */
export interface Certificate {
  apiVersion?: 'networking.internal.knative.dev/v1alpha1';
  kind?: 'Certificate';
  metadata?: ObjectMeta;
  spec: CertificateSpec;
  status?: CertificateStatus;
}

export const CertificateConditions = { Ready: 'Ready' } as const;
