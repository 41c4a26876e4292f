// The Route's conditions and the transitions its reconciler makes (Knative's route_lifecycle.go).
import { newLivingConditionSet } from '../../conditions/condition-set.js';
import type { ConditionManager, ManageOptions } from '../../conditions/condition-manager.js';
import { ROLLOUT_DURATION_ANNOTATION, valueByPriority } from '../../constants/annotations.js';
import { parseGoDuration } from '../../config/go-duration.js';
import type { IngressStatus } from '../../networking/ingress.js';
import type { Route, RouteStatus } from './route.js';

export const RouteConditions = {
  Ready: 'Ready',
  /** False when a traffic target is missing or failed, Unknown while one is not ready yet. */
  AllTrafficAssigned: 'AllTrafficAssigned',
  /** Mirrors the Ingress's Ready condition. */
  IngressReady: 'IngressReady',
  CertificateProvisioned: 'CertificateProvisioned',
} as const;

export const routeConditionSet = newLivingConditionSet(
  RouteConditions.AllTrafficAssigned,
  RouteConditions.IngressReady,
  RouteConditions.CertificateProvisioned,
);

/** Message of CertificateProvisioned when external-domain-tls is off. */
export const EXTERNAL_DOMAIN_TLS_NOT_ENABLED_MESSAGE = 'external-domain-tls is not enabled';
/** Message of CertificateProvisioned for a cluster-local route. */
export const TLS_NOT_ENABLED_FOR_CLUSTER_LOCAL_MESSAGE = 'TLS is not enabled for cluster-local';

/** True when the route's status describes its current generation and is Ready. */
export function isRouteReady(route: Route): boolean {
  return observed(route) && route.status?.conditions?.find((c) => c.type === RouteConditions.Ready)?.status === 'True';
}

/** True when the route's status describes its current generation and Ready is False. */
export function isRouteFailed(route: Route): boolean {
  return observed(route) && route.status?.conditions?.find((c) => c.type === RouteConditions.Ready)?.status === 'False';
}

function observed(route: Route): boolean {
  return (route.status?.observedGeneration ?? 0) === (route.metadata?.generation ?? 0);
}

/** The `serving.knative.dev/rollout-duration` annotation in ms; 0 when absent or unparsable (the webhook rejects those). */
export function routeRolloutDuration(route: Route): number {
  const found = valueByPriority(route.metadata?.annotations, ROLLOUT_DURATION_ANNOTATION);
  if (!found || found.value === '') return 0;
  return parseGoDuration(found.value) ?? 0;
}

/** The Route status transitions, each writing the conditions Knative writes. */
export class RouteStatusManager {
  readonly #m: ConditionManager;

  constructor(status: RouteStatus, options?: ManageOptions) {
    this.#m = routeConditionSet.manage(status, options);
  }

  get conditions(): ConditionManager {
    return this.#m;
  }

  initializeConditions(): void {
    this.#m.initializeConditions();
  }

  markTrafficAssigned(): void {
    this.#m.markTrue(RouteConditions.AllTrafficAssigned);
  }

  markUnknownTrafficError(message: string): void {
    this.#m.markUnknown(RouteConditions.AllTrafficAssigned, 'Unknown', message);
  }

  markRevisionTargetTrafficError(reason: string, message: string): void {
    this.#m.markFalse(RouteConditions.AllTrafficAssigned, reason, message);
  }

  markConfigurationNotReady(name: string): void {
    this.#m.markUnknown(RouteConditions.AllTrafficAssigned, 'RevisionMissing', 'Configuration %q is waiting for a Revision to become ready.', name);
  }

  markConfigurationFailed(name: string): void {
    this.#m.markFalse(RouteConditions.AllTrafficAssigned, 'RevisionMissing', 'Configuration %q does not have any ready Revision.', name);
  }

  markRevisionNotReady(name: string): void {
    this.#m.markUnknown(RouteConditions.AllTrafficAssigned, 'RevisionMissing', 'Revision %q is not yet ready.', name);
  }

  markRevisionFailed(name: string): void {
    this.#m.markFalse(RouteConditions.AllTrafficAssigned, 'RevisionMissing', 'Revision %q failed to become ready.', name);
  }

  /** A Service's Route named a Revision of another Service (or of none). */
  markRevisionNotOwned(revisionName: string, expectedService: string, actualService: string): void {
    if (actualService === '') {
      this.#m.markFalse(RouteConditions.AllTrafficAssigned, 'RevisionNotOwned', 'Revision %q does not belong to Service %q.', revisionName, expectedService);
    } else {
      this.#m.markFalse(RouteConditions.AllTrafficAssigned, 'RevisionNotOwned', 'Revision %q belongs to Service %q, not Service %q.', revisionName, actualService, expectedService);
    }
  }

  /** `kind` is `Configuration` or `Revision`; the reason becomes `ConfigurationMissing` / `RevisionMissing`. */
  markMissingTrafficTarget(kind: string, name: string): void {
    this.#m.markFalse(RouteConditions.AllTrafficAssigned, `${kind}Missing`, '%s %q referenced in traffic not found.', kind, name);
  }

  markServiceNotOwned(name: string): void {
    this.#m.markFalse(RouteConditions.IngressReady, 'NotOwned', 'There is an existing placeholder Service %q that we do not own.', name);
  }

  markEndpointNotOwned(name: string): void {
    this.#m.markFalse(RouteConditions.IngressReady, 'NotOwned', 'There is an existing placeholder Endpoint %q that we do not own.', name);
  }

  markIngressRolloutInProgress(): void {
    this.#m.markUnknown(RouteConditions.IngressReady, 'RolloutInProgress', 'A gradual rollout of the latest revision(s) is in progress.');
  }

  markIngressNotConfigured(): void {
    this.#m.markUnknown(RouteConditions.IngressReady, 'IngressNotConfigured', 'Ingress has not yet been reconciled.');
  }

  /** CertificateProvisioned True because no certificate is wanted. */
  markTLSNotEnabled(message: string): void {
    this.#m.markTrueWithReason(RouteConditions.CertificateProvisioned, 'TLSNotEnabled', message);
  }

  /** IngressReady follows the Ingress's Ready condition; none yet means not configured. */
  propagateIngressStatus(status: IngressStatus | undefined): void {
    const ready = status?.conditions?.find((c) => c.type === 'Ready');
    if (!ready) {
      this.markIngressNotConfigured();
      return;
    }
    if (ready.status === 'True') this.#m.markTrue(RouteConditions.IngressReady);
    else if (ready.status === 'False') this.#m.markFalse(RouteConditions.IngressReady, ready.reason ?? '', ready.message ?? '');
    else this.#m.markUnknown(RouteConditions.IngressReady, ready.reason ?? '', ready.message ?? '');
  }
}

/** A manager writing into `status` (created when missing) with the given clock. */
export function manageRouteStatus(route: Route, options?: ManageOptions): RouteStatusManager {
  return new RouteStatusManager((route.status ??= {}), options);
}
