// Which resource a word on the command line means. Like kubectl: plural,
// singular (the Kind), short names, case-insensitive, with an optional
// `.group` or `.version.group` suffix; where a word fits several kinds, a
// built-in kind wins (`service` is the core Service, `ksvc` the Knative one).
import { ALL_RESOURCES, BUILTIN_RESOURCES, type ResourceType } from '@knot/api';
import { UsageError } from '../errors.js';

export function resolveKind(word: string, resources: readonly ResourceType[] = ALL_RESOURCES): ResourceType {
  const lower = word.toLowerCase();
  const dot = lower.indexOf('.');
  const name = dot < 0 ? lower : lower.slice(0, dot);
  const qualifier = dot < 0 ? undefined : lower.slice(dot + 1);
  const inScope = resources.filter((rt) => qualifier === undefined || qualifies(rt, qualifier));
  const byShort = inScope.filter((rt) => rt.shortNames.some((s) => s.toLowerCase() === name));
  const byName = inScope.filter((rt) => rt.plural === name || rt.kind.toLowerCase() === name);
  const found = preferred(byShort.length > 0 ? byShort : byName);
  if (!found) throw new UsageError('UNKNOWN_KIND', `unknown resource type ${JSON.stringify(word)}; try \`knot api-resources\``);
  return found;
}

function qualifies(rt: ResourceType, qualifier: string): boolean {
  if (rt.group === '') return qualifier === rt.version || qualifier === '';
  return qualifier === rt.group || qualifier === `${rt.version}.${rt.group}`;
}

function preferred(candidates: readonly ResourceType[]): ResourceType | undefined {
  const rank = (rt: ResourceType) => (rt.group === '' ? 0 : BUILTIN_RESOURCES.includes(rt) ? 1 : 2);
  return [...candidates].sort((a, b) => rank(a) - rank(b))[0];
}

/** The kind an object's apiVersion and kind name; another version of a known kind is addressed at that version. */
export function kindOf(apiVersion: string, kind: string, resources: readonly ResourceType[] = ALL_RESOURCES): ResourceType | undefined {
  const slash = apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const rt = resources.find((r) => r.group === group && r.kind === kind);
  if (!rt) return undefined;
  return rt.version === version ? rt : { ...rt, version };
}

/** kubectl's name for a kind in messages: `service.serving.knative.dev`, `configmap`. */
export function kindLabel(rt: Pick<ResourceType, 'kind' | 'group'>): string {
  return rt.group ? `${rt.kind.toLowerCase()}.${rt.group}` : rt.kind.toLowerCase();
}

/** The plural form in messages about a missing object: `services.serving.knative.dev "x" not found`. */
export function pluralLabel(rt: Pick<ResourceType, 'plural' | 'group'>): string {
  return rt.group ? `${rt.plural}.${rt.group}` : rt.plural;
}
