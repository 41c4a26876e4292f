// The query parameters of list, watch, write and delete requests, parsed once
// with a BadRequest naming the parameter. Parameters the local API does not act
// on (fieldManager, fieldValidation, gracePeriodSeconds...) are accepted and ignored.
import { parseLabelSelector, type PropagationPolicy } from '@knot/runtime';
import { badRequest } from './status-error.js';

export interface ReadOptions {
  readonly labelSelector: string | undefined;
  readonly fieldSelector: string | undefined;
  readonly resourceVersion: string | undefined;
  readonly limit: number;
  readonly continueToken: string | undefined;
  readonly watch: boolean;
  readonly timeoutSeconds: number | undefined;
  readonly allowWatchBookmarks: boolean;
  readonly sendInitialEvents: boolean | undefined;
}

export interface WriteOptions {
  readonly dryRun: boolean;
  readonly propagationPolicy: PropagationPolicy | undefined;
  readonly pretty: boolean;
}

const TRUE = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);
const POLICIES: readonly string[] = ['Background', 'Foreground', 'Orphan'];
// Beyond this, a number in a query is a mistake rather than an intent.
const MAX_QUERY_INTEGER = 2 ** 31 - 1;

function single(query: URLSearchParams, name: string): string | undefined {
  const all = query.getAll(name);
  if (all.length > 1) throw badRequest(`query parameter ${name} given ${all.length} times; give it once`);
  return all[0];
}

export function boolParam(query: URLSearchParams, name: string): boolean | undefined {
  const v = single(query, name);
  if (v === undefined || v === '') return undefined;
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  throw badRequest(`query parameter ${name}: ${JSON.stringify(v)} is not a boolean`);
}

function intParam(query: URLSearchParams, name: string): number | undefined {
  const v = single(query, name);
  if (v === undefined || v === '') return undefined;
  if (!/^\d+$/.test(v) || Number(v) > MAX_QUERY_INTEGER) throw badRequest(`query parameter ${name}: ${JSON.stringify(v)} is not a non-negative integer`);
  return Number(v);
}

export function readOptions(query: URLSearchParams): ReadOptions {
  const labelSelector = single(query, 'labelSelector') || undefined;
  const fieldSelector = single(query, 'fieldSelector') || undefined;
  // Parsed here so a bad selector is a 400 before a watch stream starts (field selectors depend on the kind: field-selector.ts).
  if (labelSelector) parseLabelSelector(labelSelector);
  return {
    labelSelector,
    fieldSelector,
    resourceVersion: single(query, 'resourceVersion') || undefined,
    limit: intParam(query, 'limit') ?? 0,
    continueToken: single(query, 'continue') || undefined,
    watch: boolParam(query, 'watch') ?? false,
    timeoutSeconds: intParam(query, 'timeoutSeconds'),
    allowWatchBookmarks: boolParam(query, 'allowWatchBookmarks') ?? false,
    sendInitialEvents: boolParam(query, 'sendInitialEvents'),
  };
}

/** `dryRun=All` is the only dry-run value Kubernetes accepts. */
export function dryRunParam(values: readonly string[]): boolean {
  for (const v of values) if (v !== 'All') throw badRequest(`dryRun: Unsupported value: ${JSON.stringify(v)}: supported values: "All"`);
  return values.length > 0;
}

export function propagationPolicyParam(value: unknown, where: string): PropagationPolicy | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !POLICIES.includes(value)) {
    throw badRequest(`${where}: Unsupported value: ${JSON.stringify(value)}: supported values: "Background", "Foreground", "Orphan"`);
  }
  return value as PropagationPolicy;
}

export function writeOptions(query: URLSearchParams): WriteOptions {
  return {
    dryRun: dryRunParam(query.getAll('dryRun')),
    propagationPolicy: propagationPolicyParam(single(query, 'propagationPolicy'), 'propagationPolicy'),
    pretty: boolParam(query, 'pretty') ?? false,
  };
}
