// One split's backend: a K8s Service port, resolved to addresses through the API (no DNS, no kube-proxy).
import { endpointTargets, type IntOrString } from '@knot/api';
import type { Endpoints, Service, ServicePort } from 'kubernetes-types/core/v1.js';

/** Where one request goes. */
export interface Target {
  /** An IP address or, for an ExternalName Service, a DNS name. */
  readonly host: string;
  readonly port: number;
  /** Speak HTTP/2 cleartext (prior knowledge) to it. */
  readonly h2c: boolean;
}

/** The appProtocol of h2c ports (Kubernetes' standard application protocol). */
const APP_PROTOCOL_H2C = 'kubernetes.io/h2c';

/** Service port names that mean HTTP/2 cleartext, as Knative's ingresses read them. */
const H2C_PORT_NAMES: ReadonlySet<string> = new Set(['http2', 'h2c']);

/** What a pool reads: the cached Service and Endpoints, and where the gateway's own Services loop back to. */
export interface PoolSource {
  service(namespace: string, name: string): Service | undefined;
  endpoints(namespace: string, name: string): Endpoints | undefined;
  /** The target for an ExternalName pointing back at this gateway (a DomainMapping's route), else undefined. */
  loopback(externalName: string, h2c: boolean): Target | undefined;
}

export function isH2CPort(port: ServicePort): boolean {
  return H2C_PORT_NAMES.has(port.name ?? '') || port.appProtocol === APP_PROTOCOL_H2C;
}

/**
 * The ready addresses behind one Service port, balanced round robin. It is
 * refreshed lazily: a change to the Service or its Endpoints marks it stale
 * and the next pick reads the caches again.
 */
export class BackendPool {
  readonly namespace: string;
  readonly name: string;
  readonly port: IntOrString;
  readonly #source: PoolSource;
  #targets: readonly Target[] = [];
  #problem = '';
  /** The Service or its port does not exist (as opposed to existing with no ready address). */
  #missing = false;
  #next = 0;
  #stale = true;

  constructor(source: PoolSource, namespace: string, name: string, port: IntOrString) {
    this.#source = source;
    this.namespace = namespace;
    this.name = name;
    this.port = port;
  }

  invalidate(): void {
    this.#stale = true;
  }

  /** The next target, or undefined when there is none (see `problem`). */
  pick(): Target | undefined {
    if (this.#stale) this.#refresh();
    const targets = this.#targets;
    if (targets.length === 0) return undefined;
    if (this.#next >= targets.length) this.#next = 0;
    return targets[this.#next++];
  }

  /** Why `pick` finds nothing: a message naming the Service; '' when there are targets. */
  get problem(): string {
    if (this.#stale) this.#refresh();
    return this.#problem;
  }

  /** Undefined when the Service and its port exist (with or without ready addresses), else why not. */
  get missing(): string | undefined {
    if (this.#stale) this.#refresh();
    return this.#missing ? this.#problem : undefined;
  }

  #refresh(): void {
    this.#stale = false;
    const [targets, problem, missing] = this.#resolve();
    this.#targets = targets;
    this.#problem = targets.length > 0 ? '' : problem;
    this.#missing = missing;
  }

  #resolve(): [readonly Target[], string, boolean] {
    const what = `service ${this.namespace}/${this.name}`;
    const svc = this.#source.service(this.namespace, this.name);
    if (!svc) return [[], `${what} not found`, true];
    const port = (svc.spec?.ports ?? []).find((p) => (typeof this.port === 'number' ? p.port === this.port : p.name === this.port));
    if (!port) return [[], `${what} has no port ${String(this.port)}`, true];
    const h2c = isH2CPort(port);
    if (svc.spec?.type === 'ExternalName') {
      const externalName = (svc.spec.externalName ?? '').toLowerCase().replace(/\.$/, '');
      if (!externalName) return [[], `${what} has no externalName`, true];
      const target = this.#source.loopback(externalName, h2c) ?? { host: externalName, port: port.port, h2c };
      return [[target], '', false];
    }
    const found = endpointTargets(this.#source.endpoints(this.namespace, this.name), port.name ?? '');
    if (found.length === 0) return [[], `no ready endpoints for ${what} port ${port.name ?? port.port}`, false];
    return [found.map((t) => ({ host: t.ip, port: t.port, h2c })), '', false];
  }
}
