import { AsyncLocalStorage } from 'node:async_hooks';
import { context, ROOT_CONTEXT, trace, type Context, type ContextManager } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, TracerProvider } from '@opentelemetry/sdk-trace';

export interface TracingOptions {
  /** `service.name` of every span, e.g. `activator`. */
  readonly serviceName: string;
  /**
   * OTLP/HTTP collector URL. A bare origin (`http://collector:4318`) gets
   * `/v1/traces` appended; a URL with a path is used as is. No endpoint: tracing stays off.
   */
  readonly endpoint?: string;
  /** Fraction of new traces sampled, 0..1; a sampled parent is always followed. Default 0.1. */
  readonly sampleRate?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Flushes and removes what `setupTracing` installed. */
export type TracingShutdown = () => Promise<void>;

/**
 * Installs a global OpenTelemetry tracer provider exporting OTLP/HTTP, or
 * nothing when no endpoint is configured, so spans stay no-ops by default.
 */
export function setupTracing(opts: TracingOptions): TracingShutdown {
  if (!opts.endpoint) return () => Promise.resolve();
  const rate = opts.sampleRate ?? 0.1;
  if (!(rate >= 0 && rate <= 1)) throw new Error(`sampleRate: must be between 0 and 1, got ${rate}`);
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': opts.serviceName }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(rate) }),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: tracesUrl(opts.endpoint), headers: { ...opts.headers } }) })],
  });
  const manager = new AsyncLocalContextManager();
  if (!trace.setGlobalTracerProvider(provider)) {
    void provider.shutdown();
    throw new Error('setupTracing: a global tracer provider is already installed');
  }
  context.setGlobalContextManager(manager);
  let stopped: Promise<void> | undefined;
  return () => {
    stopped ??= provider.shutdown().finally(() => {
      trace.disable();
      context.disable();
    });
    return stopped;
  };
}

function tracesUrl(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new Error(`endpoint: not a URL: ${endpoint}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`endpoint: want an http(s) URL, got ${endpoint}`);
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/v1/traces';
  return url.toString();
}

/** Keeps the active span across awaits, so child spans find their parent. */
class AsyncLocalContextManager implements ContextManager {
  readonly #storage = new AsyncLocalStorage<Context>();

  active(): Context {
    return this.#storage.getStore() ?? ROOT_CONTEXT;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    return this.#storage.run(ctx, () => fn.apply(thisArg, args));
  }

  bind<T>(ctx: Context, target: T): T {
    if (typeof target !== 'function') return target;
    const fn = target as (this: unknown, ...a: unknown[]) => unknown;
    const storage = this.#storage;
    return function (this: unknown, ...a: unknown[]): unknown {
      return storage.run(ctx, () => fn.apply(this, a));
    } as T;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.#storage.disable();
    return this;
  }
}
