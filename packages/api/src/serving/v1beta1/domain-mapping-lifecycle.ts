// The DomainMapping's conditions and the transitions its reconciler makes (Knative's domainmapping_lifecycle.go).
import { newLivingConditionSet } from '../../conditions/condition-set.js';
import type { ConditionManager, ManageOptions } from '../../conditions/condition-manager.js';
import type { IngressStatus } from '../../networking/ingress.js';
import { DomainMappingConditions, type DomainMapping, type DomainMappingStatus } from './domain-mapping.js';

export const domainMappingConditionSet = newLivingConditionSet(
  DomainMappingConditions.DomainClaimed,
  DomainMappingConditions.ReferenceResolved,
  DomainMappingConditions.IngressReady,
  DomainMappingConditions.CertificateProvisioned,
);

/** Message of CertificateProvisioned when spec.tls names a secret. */
export const TLS_CERTIFICATE_PROVIDED_EXTERNALLY = 'TLS certificate was provided externally';

/** True when the mapping's status describes its current generation and is Ready. */
export function isDomainMappingReady(dm: DomainMapping): boolean {
  return (dm.status?.observedGeneration ?? 0) === (dm.metadata?.generation ?? 0) && dm.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
}

/** The DomainMapping status transitions, each writing the conditions Knative writes. */
export class DomainMappingStatusManager {
  readonly #m: ConditionManager;

  constructor(status: DomainMappingStatus, options?: ManageOptions) {
    this.#m = domainMappingConditionSet.manage(status, options);
  }

  get conditions(): ConditionManager {
    return this.#m;
  }

  markTLSNotEnabled(message: string): void {
    this.#m.markTrueWithReason(DomainMappingConditions.CertificateProvisioned, 'TLSNotEnabled', message);
  }

  markCertificateNotRequired(message: string): void {
    this.#m.markTrueWithReason(DomainMappingConditions.CertificateProvisioned, 'CertificateExternallyProvided', message);
  }

  markIngressNotConfigured(): void {
    this.#m.markUnknown(DomainMappingConditions.IngressReady, 'IngressNotConfigured', 'Ingress has not yet been reconciled.');
  }

  markDomainClaimed(): void {
    this.#m.markTrue(DomainMappingConditions.DomainClaimed);
  }

  markDomainClaimNotOwned(): void {
    this.#m.markFalse(DomainMappingConditions.DomainClaimed, 'DomainAlreadyClaimed', 'The domain name is already in use by another DomainMapping');
  }

  markDomainClaimFailed(reason: string): void {
    this.#m.markFalse(DomainMappingConditions.DomainClaimed, 'DomainClaimFailed', reason);
  }

  markReferenceResolved(): void {
    this.#m.markTrue(DomainMappingConditions.ReferenceResolved);
  }

  markReferenceNotResolved(reason: string): void {
    this.#m.markFalse(DomainMappingConditions.ReferenceResolved, 'ResolveFailed', reason);
  }

  /** IngressReady follows the Ingress's Ready condition; none yet means not configured. */
  propagateIngressStatus(status: IngressStatus | undefined): void {
    const ready = status?.conditions?.find((c) => c.type === 'Ready');
    if (!ready) {
      this.markIngressNotConfigured();
      return;
    }
    if (ready.status === 'True') this.#m.markTrue(DomainMappingConditions.IngressReady);
    else if (ready.status === 'False') this.#m.markFalse(DomainMappingConditions.IngressReady, ready.reason ?? '', ready.message ?? '');
    else this.#m.markUnknown(DomainMappingConditions.IngressReady, ready.reason ?? '', ready.message ?? '');
  }
}

/** A manager writing into the mapping's status (created when missing) with the given clock. */
export function manageDomainMappingStatus(dm: DomainMapping, options?: ManageOptions): DomainMappingStatusManager {
  return new DomainMappingStatusManager((dm.status ??= {}), options);
}
