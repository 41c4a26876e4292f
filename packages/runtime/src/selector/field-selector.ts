import type { KubeObject } from '@knot/api';
import { ApiError } from '../errors.js';

/** The fields every kind supports in a field selector, as for custom resources in Kubernetes. */
export const SELECTABLE_FIELDS = ['metadata.name', 'metadata.namespace'] as const;
export type SelectableField = (typeof SELECTABLE_FIELDS)[number];

export interface FieldRequirement {
  readonly field: SelectableField;
  readonly operator: 'Equals' | 'NotEquals';
  readonly value: string;
}

/** A parsed field selector: every requirement must match. */
export class ParsedFieldSelector {
  readonly requirements: readonly FieldRequirement[];

  constructor(requirements: readonly FieldRequirement[]) {
    this.requirements = requirements;
  }

  get empty(): boolean {
    return this.requirements.length === 0;
  }

  matches(obj: KubeObject): boolean {
    return this.requirements.every((r) => {
      const have = r.field === 'metadata.name' ? obj.metadata?.name ?? '' : obj.metadata?.namespace ?? '';
      return (have === r.value) === (r.operator === 'Equals');
    });
  }

  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.operator === 'Equals' ? '=' : '!='}${escapeValue(r.value)}`).join(',');
  }
}

const isSelectable = (field: string): field is SelectableField => (SELECTABLE_FIELDS as readonly string[]).includes(field);

function escapeValue(value: string): string {
  return value.replace(/[\\,=!]/g, (c) => `\\${c}`);
}

// Splits on unescaped commas, keeping escapes for the term parser (as fields.ParseSelector does).
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\\') i++;
    else if (c === ',') {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms;
}

function unescape(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charAt(i);
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = value.charAt(++i);
    if (!'\\,=!'.includes(next) || next === '') throw new Error(`invalid escape sequence in "${value}"`);
    out += next;
  }
  return out;
}

function parseTerm(term: string): FieldRequirement {
  for (let i = 0; i < term.length; i++) {
    const c = term.charAt(i);
    if (c === '\\') {
      i++;
      continue;
    }
    const op = term.startsWith('!=', i) ? '!=' : term.startsWith('==', i) ? '==' : c === '=' ? '=' : undefined;
    if (!op) continue;
    const field = unescape(term.slice(0, i));
    const value = unescape(term.slice(i + op.length));
    if (!isSelectable(field)) throw new Error(`"${field}" is not a known field selector: only "${SELECTABLE_FIELDS.join('", "')}"`);
    return { field, operator: op === '!=' ? 'NotEquals' : 'Equals', value };
  }
  throw new Error(`can't understand '${term}'`);
}

/**
 * Parses a field selector (`metadata.name=hello,metadata.namespace!=kube-system`);
 * only `metadata.name` and `metadata.namespace` are supported. Throws ApiError BadRequest.
 */
export function parseFieldSelector(text: string): ParsedFieldSelector {
  try {
    return new ParsedFieldSelector(splitTerms(text).filter((t) => t !== '').map(parseTerm));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ApiError('BadRequest', `invalid field selector "${text}": ${reason}`, [{ field: 'fieldSelector', message: reason }]);
  }
}
