import {
  EXTERNAL_DOMAIN_TLS_NOT_ENABLED_MESSAGE,
  manageDomainMappingStatus,
  networking,
  TLS_CERTIFICATE_PROVIDED_EXTERNALLY,
  type DomainMapping,
  type Ingress,
  type IngressTLS,
  type Route,
  type Service,
} from '@knot/api';
import { jsonEqual, type Client, type KindReconciler, type Lister, type ReconcileContext } from '@knot/runtime';
import { messageOf, rethrow, withContext } from '../error-context.js';
import { clusterDomainOf } from '../route/domains/domains.js';
import { httpOptionFor } from '../route/resources/http-option.js';
import { ingressClassFor } from '../route/resources/route-meta.js';
import type { RouteConfig } from '../route/route-config.js';
import { domainHolder } from './domain-claim.js';
import { domainMappingIngressName, makeDomainMappingIngress } from './resources/make-ingress.js';
import { resolveReference } from './resolve-ref.js';

export interface DomainMappingReconcilerOptions {
  client: Client;
  /** Every namespace's mappings: a domain is held by one of them. */
  mappings: Lister<DomainMapping>;
  ingresses: Lister<Ingress>;
  services: Lister<Service>;
  routes: Lister<Route>;
  config: () => RouteConfig;
}

export type DomainMappingErrorCode = 'DomainAlreadyClaimed' | 'ReferenceNotResolved';

/** Why a DomainMapping could not be reconciled; retried with backoff like any error. */
export class DomainMappingError extends Error {
  override readonly name = 'DomainMappingError';
  readonly code: DomainMappingErrorCode;

  constructor(code: DomainMappingErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * Serves a custom domain (the mapping's name) from an Addressable in the same
 * namespace (Knative's domainmapping reconciler): claims the domain, resolves
 * the reference, and programs an Ingress that rewrites the host to the target's.
 */
export class DomainMappingReconciler implements KindReconciler<DomainMapping> {
  readonly #o: DomainMappingReconcilerOptions;

  constructor(opts: DomainMappingReconcilerOptions) {
    this.#o = opts;
  }

  async reconcileKind(dm: DomainMapping, ctx: ReconcileContext): Promise<void> {
    const config = this.#o.config();
    const status = manageDomainMappingStatus(dm, { now: () => ctx.clock.now() });
    const name = dm.metadata?.name ?? '';
    const namespace = dm.metadata?.namespace ?? '';
    // A new generation is not Ready until its Ingress has been programmed.
    if ((dm.metadata?.generation ?? 0) !== (dm.status?.observedGeneration ?? 0)) status.markIngressNotConfigured();

    const tls: IngressTLS[] = dm.spec.tls ? [{ hosts: [name], secretName: dm.spec.tls.secretName, secretNamespace: namespace }] : [];
    const url = `${tls.length ? 'https' : config.network.defaultExternalScheme}://${name}`;
    const st = (dm.status ??= {});
    st.url = url;
    st.address = { url };

    const holder = domainHolder(this.#o.mappings.list(), name);
    if (holder !== namespace) {
      status.markDomainClaimNotOwned();
      throw new DomainMappingError('DomainAlreadyClaimed', `namespace "${namespace}" does not own the domain "${name}": a DomainMapping in namespace "${holder}" claimed it first`);
    }
    status.markDomainClaimed();

    // knot provisions no certificates: TLS is either the mapping's own secret or off.
    if (tls.length) status.markCertificateNotRequired(TLS_CERTIFICATE_PROVIDED_EXTERNALLY);
    else status.markTLSNotEnabled(EXTERNAL_DOMAIN_TLS_NOT_ENABLED_MESSAGE);

    const target = resolveReference(dm.spec.ref, namespace, this.#o, clusterDomainOf(config));
    if ('problem' in target) {
      status.markReferenceNotResolved(target.problem);
      throw new DomainMappingError('ReferenceNotResolved', `resolving reference: ${target.problem}`);
    }
    status.markReferenceResolved();

    const desired = makeDomainMappingIngress({
      mapping: dm,
      backendService: target.backendService,
      targetHost: target.host,
      ingressClass: ingressClassFor(config.network, dm.metadata?.annotations),
      httpOption: httpOptionFor(config.network, dm.metadata?.annotations),
      tls,
    });
    const ingress = await this.#reconcileIngress(dm, desired, ctx);
    if ((ingress.metadata?.generation ?? 0) !== (ingress.status?.observedGeneration ?? 0)) status.markIngressNotConfigured();
    else status.propagateIngressStatus(ingress.status);
  }

  async #reconcileIngress(dm: DomainMapping, desired: Ingress, ctx: ReconcileContext): Promise<Ingress> {
    const existing = this.#o.ingresses.get(dm.metadata?.namespace, domainMappingIngressName(dm));
    if (!existing) {
      const created = await this.#o.client.create(networking.ingresses, desired).catch((err: unknown) => {
        ctx.recorder.event(dm, 'Warning', 'CreationFailed', `Failed to create Ingress: ${messageOf(err)}`);
        throw withContext('failed to create Ingress', err);
      });
      ctx.recorder.event(dm, 'Normal', 'Created', `Created Ingress "${created.metadata?.name}"`);
      return created;
    }
    const m = existing.metadata ?? {};
    if (jsonEqual(existing.spec, desired.spec) && jsonEqual(m.annotations ?? {}, desired.metadata?.annotations ?? {}) && jsonEqual(m.labels ?? {}, desired.metadata?.labels ?? {})) return existing;
    const copy = structuredClone(existing);
    return this.#o.client
      .update(networking.ingresses, { ...copy, metadata: { ...copy.metadata, annotations: desired.metadata?.annotations, labels: desired.metadata?.labels }, spec: desired.spec })
      .catch(rethrow('failed to update Ingress'));
  }
}
