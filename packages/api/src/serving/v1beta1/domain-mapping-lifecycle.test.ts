import type { Condition } from '../../duck/condition.js';
import type { DomainMapping } from './domain-mapping.js';
import { isDomainMappingReady, manageDomainMappingStatus, type DomainMappingStatusManager } from './domain-mapping-lifecycle.js';

type Brief = Pick<Condition, 'type' | 'status' | 'reason' | 'message'>;
const cond = (type: string, status: Condition['status'], reason?: string, message?: string): Brief => ({ type, status, ...(reason ? { reason } : {}), ...(message ? { message } : {}) });

function run(steps: (m: DomainMappingStatusManager) => void): Brief[] {
  const dm: DomainMapping = { spec: { ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'hello' } } };
  let t = Date.UTC(2024, 0, 1);
  const m = manageDomainMappingStatus(dm, { now: () => (t += 1000) });
  m.conditions.initializeConditions();
  steps(m);
  return (dm.status?.conditions ?? []).map(({ type, status, reason, message }) => cond(type, status, reason, message));
}

describe('DomainMapping conditions', () => {
  test.each<{ name: string; steps: (m: DomainMappingStatusManager) => void; want: Brief[] }>([
    {
      name: 'claimed, resolved, TLS off and a ready ingress make it Ready',
      steps: (m) => {
        m.markDomainClaimed();
        m.markReferenceResolved();
        m.markTLSNotEnabled('external-domain-tls is not enabled');
        m.propagateIngressStatus({ conditions: [{ type: 'Ready', status: 'True' }] });
      },
      want: [
        cond('CertificateProvisioned', 'True', 'TLSNotEnabled', 'external-domain-tls is not enabled'),
        cond('DomainClaimed', 'True'),
        cond('IngressReady', 'True'),
        cond('Ready', 'True'),
        cond('ReferenceResolved', 'True'),
      ],
    },
    {
      name: 'a domain another mapping holds',
      steps: (m) => m.markDomainClaimNotOwned(),
      want: [
        cond('CertificateProvisioned', 'Unknown'),
        cond('DomainClaimed', 'False', 'DomainAlreadyClaimed', 'The domain name is already in use by another DomainMapping'),
        cond('IngressReady', 'Unknown'),
        cond('Ready', 'False', 'DomainAlreadyClaimed', 'The domain name is already in use by another DomainMapping'),
        cond('ReferenceResolved', 'Unknown'),
      ],
    },
    {
      name: 'a reference that does not resolve',
      steps: (m) => {
        m.markDomainClaimed();
        m.markReferenceNotResolved('services.serving.knative.dev "nope" not found');
      },
      want: [
        cond('CertificateProvisioned', 'Unknown'),
        cond('DomainClaimed', 'True'),
        cond('IngressReady', 'Unknown'),
        cond('Ready', 'False', 'ResolveFailed', 'services.serving.knative.dev "nope" not found'),
        cond('ReferenceResolved', 'False', 'ResolveFailed', 'services.serving.knative.dev "nope" not found'),
      ],
    },
    {
      name: 'an externally provided certificate and an ingress not yet configured',
      steps: (m) => {
        m.markCertificateNotRequired('TLS certificate was provided externally');
        m.markIngressNotConfigured();
      },
      want: [
        cond('CertificateProvisioned', 'True', 'CertificateExternallyProvided', 'TLS certificate was provided externally'),
        cond('DomainClaimed', 'Unknown'),
        cond('IngressReady', 'Unknown', 'IngressNotConfigured', 'Ingress has not yet been reconciled.'),
        cond('Ready', 'Unknown', 'IngressNotConfigured', 'Ingress has not yet been reconciled.'),
        cond('ReferenceResolved', 'Unknown'),
      ],
    },
    {
      name: 'a failed ingress',
      steps: (m) => m.propagateIngressStatus({ conditions: [{ type: 'Ready', status: 'False', reason: 'Conflict', message: 'host taken' }] }),
      want: [
        cond('CertificateProvisioned', 'Unknown'),
        cond('DomainClaimed', 'Unknown'),
        cond('IngressReady', 'False', 'Conflict', 'host taken'),
        cond('Ready', 'False', 'Conflict', 'host taken'),
        cond('ReferenceResolved', 'Unknown'),
      ],
    },
  ])('$name', ({ steps, want }) => {
    expect(run(steps)).toEqual(want);
  });

  test.each([
    { name: 'ready and observed', generation: 1, observed: 1, ready: 'True' as const, want: true },
    { name: 'stale', generation: 2, observed: 1, ready: 'True' as const, want: false },
    { name: 'not ready', generation: 1, observed: 1, ready: 'Unknown' as const, want: false },
  ])('isDomainMappingReady: $name', ({ generation, observed, ready, want }) => {
    const dm: DomainMapping = {
      metadata: { generation },
      spec: { ref: { apiVersion: 'v1', kind: 'Service', name: 'x' } },
      status: { observedGeneration: observed, conditions: [{ type: 'Ready', status: ready }] },
    };
    expect(isDomainMappingReady(dm)).toBe(want);
  });
});
