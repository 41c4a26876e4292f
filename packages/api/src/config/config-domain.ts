import { CONFIG_DOMAIN } from '../constants/config-maps.js';
import { VISIBILITY_CLUSTER_LOCAL, VISIBILITY_LABEL_KEY } from '../constants/labels.js';
import { FieldErrors } from '../field-error.js';
import { mostSpecific, stringSelector, yamlValue } from './label-selector.js';
import { EXAMPLE_KEY, snapshot } from './parse.js';
import type { ConfigData } from './parse.js';

/** The Kubernetes cluster domain when none is configured. */
export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';
/** Type of a domain that gets namespace wildcard certificates (every default domain has it). */
export const DOMAIN_TYPE_WILDCARD = 'wildcard';

/** One `config-domain` entry: routes whose labels match `selector` live under `name`. */
export interface DomainEntry {
  /** The domain, e.g. `example.com`. */
  readonly name: string;
  /** Equality selector on the route's labels; empty makes this the default domain. */
  readonly selector: Readonly<Record<string, string>>;
  /** `wildcard` or empty. */
  readonly type: string;
}

/** `config-domain` in `knative-serving`: which domain each route lives under. */
export interface ConfigDomain {
  /** Entries sorted by domain name. */
  readonly domains: readonly DomainEntry[];
  /** The domain of cluster-local routes: `svc.<cluster domain>`. */
  readonly clusterLocalDomain: string;
}

/**
 * Parses `config-domain`: each key is a domain, each value empty (the default domain) or YAML
 * with `selector` (labels) and optional `type`. Without a default entry, Knative adds
 * `svc.<cluster domain>` (`svc.cluster.local`) as the default.
 */
export function parseConfigDomain(data: ConfigData, clusterDomain = DEFAULT_CLUSTER_DOMAIN): ConfigDomain {
  const errs = new FieldErrors();
  const clusterLocalDomain = `svc.${clusterDomain}`;
  const domains: DomainEntry[] = [];
  for (const [name, raw] of Object.entries(data ?? {})) {
    if (name === EXAMPLE_KEY) continue;
    const entry = domainEntry(name, raw);
    if (typeof entry === 'string') errs.add(name, entry);
    else domains.push(entry);
  }
  if (!domains.some((e) => Object.keys(e.selector).length === 0)) {
    domains.push({ name: clusterLocalDomain, selector: {}, type: DOMAIN_TYPE_WILDCARD });
  }
  domains.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return snapshot(CONFIG_DOMAIN, errs, { domains, clusterLocalDomain });
}

function domainEntry(name: string, raw: unknown): DomainEntry | string {
  if (typeof raw !== 'string') return `must be a string, got ${typeof raw}`;
  const parsed = yamlValue(raw);
  if ('problem' in parsed) return parsed.problem;
  const value = parsed.value;
  if (value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value))) {
    return 'must be empty or a map with selector and type';
  }
  const fields = (value ?? {}) as { selector?: unknown; type?: unknown };
  const selector = stringSelector(fields.selector, 'selector');
  if ('problem' in selector) return selector.problem;
  if (fields.type !== undefined && fields.type !== null && typeof fields.type !== 'string') return 'type must be a string';
  const empty = Object.keys(selector.value).length === 0;
  const type = empty ? DOMAIN_TYPE_WILDCARD : typeof fields.type === 'string' ? fields.type : '';
  return { name, selector: selector.value, type };
}

/**
 * The domain for a route with these labels: the most specific matching selector
 * (ties go to the alphabetically first domain); cluster-local routes always get the cluster-local domain.
 */
export function domainFor(config: ConfigDomain, labels: Readonly<Record<string, string>> = {}): string {
  if (labels[VISIBILITY_LABEL_KEY] === VISIBILITY_CLUSTER_LOCAL) return config.clusterLocalDomain;
  return mostSpecific(config.domains, labels)?.name ?? config.clusterLocalDomain;
}

export const DEFAULT_CONFIG_DOMAIN: ConfigDomain = parseConfigDomain({});
