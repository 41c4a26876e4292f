// Field selectors as kube-apiserver takes them for each kind: every kind
// selects on metadata.name and metadata.namespace (which the Client filters
// on), and some built-in kinds on more (events on their involved object, as
// `kubectl describe` asks; pods on phase and node), filtered here.
import { resourceKey, type KubeObject, type ResourceType } from '@knot/api';
import { badRequest } from './status-error.js';

const METADATA_FIELDS = ['metadata.name', 'metadata.namespace'];

const KIND_FIELDS: ReadonlyMap<string, readonly string[]> = new Map([
  [
    'events',
    ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
  ],
  ['pods', ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName']],
  ['namespaces', ['status.phase']],
  ['secrets', ['type']],
]);

interface Term {
  readonly field: string;
  readonly equals: boolean;
  readonly value: string;
}

/** The selector split in two: the part the Client applies, and a filter for the rest. */
export interface SplitFieldSelector {
  /** metadata.name and metadata.namespace terms, for the Client. */
  readonly client: string | undefined;
  /** The other terms; undefined when there are none. */
  readonly matches: ((obj: KubeObject) => boolean) | undefined;
}

function splitUnescaped(text: string, at: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charAt(i) === '\\') i++;
    else if (text.charAt(i) === at) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

const unescape = (s: string): string => s.replace(/\\(.)/g, '$1');
/** A value written into a field selector term. */
export const escapeFieldValue = (s: string): string => s.replace(/[\\,=!]/g, (c) => `\\${c}`);

function parseTerm(term: string, selector: string): Term {
  for (let i = 0; i < term.length; i++) {
    const c = term.charAt(i);
    if (c === '\\') {
      i++;
      continue;
    }
    const op = term.startsWith('!=', i) ? '!=' : term.startsWith('==', i) ? '==' : c === '=' ? '=' : undefined;
    if (op) return { field: unescape(term.slice(0, i)), equals: op !== '!=', value: unescape(term.slice(i + op.length)) };
  }
  throw badRequest(`invalid field selector "${selector}": can't understand '${term}'`, [{ field: 'fieldSelector', message: `can't understand '${term}'` }]);
}

// `source` on an event is its source.component, as in Kubernetes.
function fieldValue(obj: KubeObject, field: string): string {
  let v: unknown = obj;
  for (const key of field === 'source' ? ['source', 'component'] : field.split('.')) {
    v = typeof v === 'object' && v !== null && Object.hasOwn(v, key) ? (v as Record<string, unknown>)[key] : undefined;
  }
  return typeof v === 'string' ? v : typeof v === 'boolean' || typeof v === 'number' ? String(v) : '';
}

export function splitFieldSelector(rt: ResourceType, selector: string | undefined): SplitFieldSelector {
  if (!selector) return { client: undefined, matches: undefined };
  const allowed = [...METADATA_FIELDS, ...(KIND_FIELDS.get(resourceKey(rt)) ?? [])];
  const terms = splitUnescaped(selector, ',').filter((t) => t !== '').map((t) => parseTerm(t, selector));
  for (const t of terms) {
    if (!allowed.includes(t.field)) {
      const message = `"${t.field}" is not a known field selector: only "${allowed.join('", "')}"`;
      throw badRequest(`invalid field selector "${selector}": ${message}`, [{ field: 'fieldSelector', message }]);
    }
  }
  const metadata = terms.filter((t) => METADATA_FIELDS.includes(t.field));
  const rest = terms.filter((t) => !METADATA_FIELDS.includes(t.field));
  return {
    client: metadata.length > 0 ? metadata.map((t) => `${t.field}${t.equals ? '=' : '!='}${escapeFieldValue(t.value)}`).join(',') : undefined,
    matches: rest.length > 0 ? (obj) => rest.every((t) => (fieldValue(obj, t.field) === t.value) === t.equals) : undefined,
  };
}

/** What a list, watch or deletecollection selects: selectors for the Client and a filter for the rest. */
export interface Selection {
  readonly labelSelector: string | undefined;
  readonly fieldSelector: string | undefined;
  readonly matches: ((obj: KubeObject) => boolean) | undefined;
}

export function selection(rt: ResourceType, selectors: { readonly labelSelector: string | undefined; readonly fieldSelector: string | undefined }): Selection {
  const fields = splitFieldSelector(rt, selectors.fieldSelector);
  return { labelSelector: selectors.labelSelector, fieldSelector: fields.client, matches: fields.matches };
}
