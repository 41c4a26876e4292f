// The Service's conditions and the transitions its reconciler makes (Knative's service_lifecycle.go).
import { newLivingConditionSet } from '../../conditions/condition-set.js';
import type { ConditionManager, ManageOptions } from '../../conditions/condition-manager.js';
import type { Condition } from '../../duck/condition.js';
import type { ConfigurationStatus } from './configuration.js';
import type { RouteStatus } from './route.js';
import type { Service, ServiceStatus } from './service.js';

export const ServiceConditions = {
  Ready: 'Ready',
  /** Mirrors the Configuration's Ready condition. */
  ConfigurationsReady: 'ConfigurationsReady',
  /** Mirrors the Route's Ready condition, Unknown while traffic has not moved to the latest revision. */
  RoutesReady: 'RoutesReady',
} as const;

export const serviceConditionSet = newLivingConditionSet(ServiceConditions.ConfigurationsReady, ServiceConditions.RoutesReady);

export const TRAFFIC_NOT_MIGRATED_REASON = 'TrafficNotMigrated';
export const TRAFFIC_NOT_MIGRATED_MESSAGE = 'Traffic is not yet migrated to the latest revision.';

/** True when the service's status describes its current generation and is Ready. */
export function isServiceReady(service: Service): boolean {
  return observed(service) && readyOf(service.status)?.status === 'True';
}

/** True when the service's status describes its current generation and Ready is False. */
export function isServiceFailed(service: Service): boolean {
  return observed(service) && readyOf(service.status)?.status === 'False';
}

function observed(service: Service): boolean {
  return (service.status?.observedGeneration ?? 0) === (service.metadata?.generation ?? 0);
}

function readyOf(status: { conditions?: Condition[] } | undefined): Condition | undefined {
  return status?.conditions?.find((c) => c.type === 'Ready');
}

/** The Service status transitions, each writing the conditions Knative writes. */
export class ServiceStatusManager {
  readonly #status: ServiceStatus;
  readonly #m: ConditionManager;

  constructor(status: ServiceStatus, options?: ManageOptions) {
    this.#status = status;
    this.#m = serviceConditionSet.manage(status, options);
  }

  get conditions(): ConditionManager {
    return this.#m;
  }

  initializeConditions(): void {
    this.#m.initializeConditions();
  }

  /** A Configuration of the Service's name exists and is controlled by something else. */
  markConfigurationNotOwned(name: string): void {
    this.#m.markFalse(ServiceConditions.ConfigurationsReady, 'NotOwned', 'There is an existing Configuration %q that we do not own.', name);
  }

  /** A Route of the Service's name exists and is controlled by something else. */
  markRouteNotOwned(name: string): void {
    this.#m.markFalse(ServiceConditions.RoutesReady, 'NotOwned', 'There is an existing Route %q that we do not own.', name);
  }

  markConfigurationNotReconciled(): void {
    this.#m.markUnknown(ServiceConditions.ConfigurationsReady, 'OutOfDate', 'The Configuration is still working to reflect the latest desired specification.');
  }

  markRouteNotReconciled(): void {
    this.#m.markUnknown(ServiceConditions.RoutesReady, 'OutOfDate', 'The Route is still working to reflect the latest desired specification.');
  }

  /** The bring-your-own revision name belongs to a conflicting Revision, so the Route is left alone. */
  markRevisionNameTaken(name: string): void {
    this.#m.markFalse(ServiceConditions.RoutesReady, 'RevisionNameTaken', 'The revision name %q is taken by a conflicting Revision, so traffic will not be migrated', name);
  }

  /** The Route is Ready but its traffic is not yet what the Service asks for. */
  markRouteNotYetReady(): void {
    this.#m.markUnknown(ServiceConditions.RoutesReady, TRAFFIC_NOT_MIGRATED_REASON, TRAFFIC_NOT_MIGRATED_MESSAGE);
  }

  /** Copies the revision names and mirrors the Configuration's Ready into ConfigurationsReady. */
  propagateConfigurationStatus(cs: ConfigurationStatus): void {
    setOrDelete(this.#status, 'latestReadyRevisionName', cs.latestReadyRevisionName);
    setOrDelete(this.#status, 'latestCreatedRevisionName', cs.latestCreatedRevisionName);
    this.#mirror(ServiceConditions.ConfigurationsReady, readyOf(cs));
  }

  /** Copies url, address and traffic and mirrors the Route's Ready into RoutesReady. */
  propagateRouteStatus(rs: RouteStatus): void {
    setOrDelete(this.#status, 'url', rs.url);
    setOrDelete(this.#status, 'address', rs.address === undefined ? undefined : structuredClone(rs.address));
    setOrDelete(this.#status, 'traffic', rs.traffic === undefined ? undefined : structuredClone(rs.traffic));
    this.#mirror(ServiceConditions.RoutesReady, readyOf(rs));
  }

  #mirror(type: string, c: Condition | undefined): void {
    if (!c) return;
    // The child's message is passed as a format with no arguments, so it is kept verbatim.
    if (c.status === 'True') this.#m.markTrue(type);
    else if (c.status === 'False') this.#m.markFalse(type, c.reason ?? '', c.message ?? '');
    else this.#m.markUnknown(type, c.reason ?? '', c.message ?? '');
  }
}

function setOrDelete<K extends keyof ServiceStatus>(status: ServiceStatus, key: K, value: ServiceStatus[K] | undefined): void {
  if (value === undefined) delete status[key];
  else status[key] = value;
}

/** A manager writing into `status` (created when missing) with the given clock. */
export function manageServiceStatus(service: Service, options?: ManageOptions): ServiceStatusManager {
  return new ServiceStatusManager((service.status ??= {}), options);
}
