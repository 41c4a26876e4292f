import { noopLogger, type Client, type Clock, type Logger, type TimerHandle } from '@knot/runtime';
import { patchCABundles, type CABundleTargets } from './ca-bundle.js';
import type { CertBundle } from './cert-bundle.js';
import { ensureCertSecret, type CertSecretOptions } from './cert-secret.js';

export interface CertKeeperOptions extends Omit<CertSecretOptions, 'now' | 'logger'> {
  readonly targets: CABundleTargets;
  /** How often the Secret is checked for expiry or a rotation by another replica. */
  readonly checkIntervalMs: number;
  readonly clock: Clock;
  readonly logger?: Logger;
}

/**
 * The webhook's certificates over time: read or generated at start, the CA patched in,
 * then checked every interval so a certificate near expiry (or rotated by another replica)
 * is picked up without a restart.
 */
export class CertKeeper {
  readonly #client: Client;
  readonly #opts: CertKeeperOptions;
  readonly #log: Logger;
  #bundle: CertBundle | undefined;
  #timer: TimerHandle | undefined;
  #stopped = false;

  constructor(client: Client, opts: CertKeeperOptions) {
    if (!(opts.checkIntervalMs > 0)) throw new RangeError(`checkIntervalMs: must be positive, got ${opts.checkIntervalMs}`);
    if (!(opts.minRemainingMs < opts.validityMs)) throw new RangeError(`minRemainingMs: must be less than validityMs (${opts.validityMs}), got ${opts.minRemainingMs}`);
    this.#client = client;
    this.#opts = opts;
    this.#log = opts.logger ?? noopLogger;
  }

  /** The bundle in use; throws before `init`. */
  get bundle(): CertBundle {
    if (!this.#bundle) throw new Error('CertKeeper: init() has not completed');
    return this.#bundle;
  }

  /** Reads or generates the certificates and patches the CA into every target. */
  async init(): Promise<CertBundle> {
    const { bundle } = await this.#ensure();
    await patchCABundles(this.#client, this.#opts.targets, bundle.caCert, this.#log);
    this.#bundle = bundle;
    return bundle;
  }

  /** Checks every interval; `onRotate` gets each new bundle after the CA is patched in. */
  startRotation(onRotate: (bundle: CertBundle) => void): void {
    const schedule = () => {
      if (this.#stopped) return;
      this.#timer = this.#opts.clock.setTimeout(() => void this.check(onRotate).finally(schedule), this.#opts.checkIntervalMs);
    };
    schedule();
  }

  /** One check; resolves whether the bundle changed. Failures are logged and retried next interval. */
  async check(onRotate: (bundle: CertBundle) => void): Promise<boolean> {
    try {
      const { bundle } = await this.#ensure();
      if (this.#bundle && bundle.serverCert === this.#bundle.serverCert) return false;
      await patchCABundles(this.#client, this.#opts.targets, bundle.caCert, this.#log);
      this.#bundle = bundle;
      this.#log.info({ secret: this.#opts.secretName }, 'serving with new webhook certificates');
      onRotate(bundle);
      return true;
    } catch (err) {
      this.#log.error({ err }, 'checking the webhook certificates failed');
      return false;
    }
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) this.#opts.clock.clearTimeout(this.#timer);
  }

  #ensure() {
    return ensureCertSecret(this.#client, { ...this.#opts, now: () => new Date(this.#opts.clock.now()), logger: this.#log });
  }
}
