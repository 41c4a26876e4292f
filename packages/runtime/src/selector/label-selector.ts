import { labelValueProblem, qualifiedNameProblem } from '@knot/api';
import { ApiError } from '../errors.js';

export type LabelOperator = 'Exists' | 'DoesNotExist' | 'Equals' | 'NotEquals' | 'In' | 'NotIn' | 'GreaterThan' | 'LessThan';

/** One clause of a label selector; `values` is sorted and free of duplicates. */
export interface LabelRequirement {
  readonly key: string;
  readonly operator: LabelOperator;
  readonly values: readonly string[];
}

export type Labels = Readonly<Record<string, string>>;

/** A parsed label selector: every requirement must match. No requirements matches everything. */
export class ParsedLabelSelector {
  readonly requirements: readonly LabelRequirement[];

  constructor(requirements: readonly LabelRequirement[]) {
    this.requirements = [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  get empty(): boolean {
    return this.requirements.length === 0;
  }

  matches(labels: Labels | undefined): boolean {
    return this.requirements.every((r) => requirementMatches(r, labels ?? {}));
  }

  /** The selector in Kubernetes syntax, as a list or watch call takes it. */
  toString(): string {
    return this.requirements.map(formatRequirement).join(',');
  }
}

export function requirementMatches(r: LabelRequirement, labels: Labels): boolean {
  const has = Object.hasOwn(labels, r.key);
  const value = has ? labels[r.key] ?? '' : undefined;
  switch (r.operator) {
    case 'Exists': return has;
    case 'DoesNotExist': return !has;
    case 'Equals':
    case 'In': return value !== undefined && r.values.includes(value);
    case 'NotEquals':
    case 'NotIn': return value === undefined || !r.values.includes(value);
    case 'GreaterThan':
    case 'LessThan': {
      if (value === undefined || !/^-?\d+$/.test(value)) return false;
      const have = Number(value);
      const want = Number(r.values[0]);
      return r.operator === 'GreaterThan' ? have > want : have < want;
    }
  }
}

function formatRequirement(r: LabelRequirement): string {
  switch (r.operator) {
    case 'Exists': return r.key;
    case 'DoesNotExist': return `!${r.key}`;
    case 'Equals': return `${r.key}=${r.values[0] ?? ''}`;
    case 'NotEquals': return `${r.key}!=${r.values[0] ?? ''}`;
    case 'In': return `${r.key} in (${r.values.join(',')})`;
    case 'NotIn': return `${r.key} notin (${r.values.join(',')})`;
    case 'GreaterThan': return `${r.key}>${r.values[0] ?? ''}`;
    case 'LessThan': return `${r.key}<${r.values[0] ?? ''}`;
  }
}

/** Checks one requirement as Kubernetes' NewRequirement does; returns the problem or undefined. */
export function requirementProblem(r: LabelRequirement): string | undefined {
  const keyProblem = qualifiedNameProblem(r.key);
  if (keyProblem) return `key: Invalid value: "${r.key}": ${keyProblem}`;
  const n = r.values.length;
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      if (n === 0) return "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty";
      break;
    case 'Equals':
    case 'NotEquals':
      if (n !== 1) return 'values: Invalid value: exact-match compatibility requires one single value';
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (n !== 0) return "values: Invalid value: values set must be empty for exists and does not exist";
      break;
    case 'GreaterThan':
    case 'LessThan':
      if (n !== 1 || !/^-?\d+$/.test(r.values[0] ?? '')) return "values: Invalid value: for 'Gt', 'Lt' operators, exactly one integer value is required";
      break;
  }
  for (const v of r.values) {
    const problem = labelValueProblem(v);
    if (problem) return `values: Invalid value: "${v}": ${problem}`;
  }
  return undefined;
}

type TokenKind = 'ident' | '!' | '=' | '==' | '!=' | '<' | '>' | ',' | '(' | ')' | 'end';

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
}

const SPECIAL = new Set(['!', '=', ',', '(', ')', '<', '>']);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (/\s/.test(c)) {
      i++;
    } else if (SPECIAL.has(c)) {
      const two = text.slice(i, i + 2);
      const kind: TokenKind = two === '==' || two === '!=' ? two : (c as TokenKind);
      tokens.push({ kind, text: kind });
      i += kind.length;
    } else {
      let j = i;
      while (j < text.length && !SPECIAL.has(text.charAt(j)) && !/\s/.test(text.charAt(j))) j++;
      tokens.push({ kind: 'ident', text: text.slice(i, j) });
      i = j;
    }
  }
  tokens.push({ kind: 'end', text: '' });
  return tokens;
}

class LabelSelectorParser {
  readonly #tokens: Token[];
  #pos = 0;

  constructor(text: string) {
    this.#tokens = tokenize(text);
  }

  parse(): LabelRequirement[] {
    const out: LabelRequirement[] = [];
    for (;;) {
      const tok = this.#peek();
      if (tok.kind === 'end') return out;
      if (tok.kind !== 'ident' && tok.kind !== '!') throw this.#fail(tok, "!, identifier, or 'end of string'");
      out.push(this.#requirement());
      const next = this.#next();
      if (next.kind === 'end') return out;
      if (next.kind !== ',') throw this.#fail(next, "',' or 'end of string'");
      const after = this.#peek();
      if (after.kind !== 'ident' && after.kind !== '!') throw this.#fail(after, "identifier after ','");
    }
  }

  #requirement(): LabelRequirement {
    const negated = this.#peek().kind === '!';
    if (negated) this.#next();
    const keyTok = this.#next();
    if (keyTok.kind !== 'ident' || keyTok.text === 'in' || keyTok.text === 'notin') throw this.#fail(keyTok, 'identifier');
    const key = keyTok.text;
    const follow = this.#peek().kind;
    if (negated || follow === 'end' || follow === ',') return this.#check({ key, operator: negated ? 'DoesNotExist' : 'Exists', values: [] });
    const opTok = this.#next();
    const operator = operatorOf(opTok);
    if (!operator) throw this.#fail(opTok, "'=', '!=', '==', 'in', 'notin', '<' or '>'");
    const values = operator === 'In' || operator === 'NotIn' ? this.#valueSet() : [this.#exactValue()];
    return this.#check({ key, operator, values: [...new Set(values)].sort() });
  }

  #exactValue(): string {
    const tok = this.#peek();
    if (tok.kind === 'end' || tok.kind === ',') return '';
    this.#next();
    if (tok.kind !== 'ident') throw this.#fail(tok, 'identifier');
    return tok.text;
  }

  // Mirrors Kubernetes' parseIdentifiersList, including its treatment of empty entries like `(a,)`.
  #valueSet(): string[] {
    const open = this.#next();
    if (open.kind !== '(') throw this.#fail(open, "'('");
    const values: string[] = [];
    if (this.#peek().kind === ')') {
      this.#next();
      return values;
    }
    for (;;) {
      const tok = this.#next();
      if (tok.kind === 'ident') {
        values.push(tok.text);
        const next = this.#next();
        if (next.kind === ')') return values;
        if (next.kind !== ',') throw this.#fail(next, "',' or ')'");
        if (this.#peek().kind === ')') {
          this.#next();
          values.push('');
          return values;
        }
      } else if (tok.kind === ',') {
        values.push('');
      } else if (tok.kind === ')') {
        values.push('');
        return values;
      } else {
        throw this.#fail(tok, "',', or identifier");
      }
    }
  }

  #check(r: LabelRequirement): LabelRequirement {
    const problem = requirementProblem(r);
    if (problem) throw new Error(problem);
    return r;
  }

  #peek(): Token {
    return this.#tokens[this.#pos] ?? { kind: 'end', text: '' };
  }

  #next(): Token {
    const tok = this.#peek();
    if (this.#pos < this.#tokens.length) this.#pos++;
    return tok;
  }

  #fail(tok: Token, expected: string): Error {
    return new Error(`found '${tok.text}', expected: ${expected}`);
  }
}

function operatorOf(tok: Token): LabelOperator | undefined {
  switch (tok.kind) {
    case '=':
    case '==': return 'Equals';
    case '!=': return 'NotEquals';
    case '<': return 'LessThan';
    case '>': return 'GreaterThan';
    case 'ident': return tok.text === 'in' ? 'In' : tok.text === 'notin' ? 'NotIn' : undefined;
    default: return undefined;
  }
}

/**
 * Parses Kubernetes label selector syntax (`app=hello,tier in (web,api),!canary`).
 * Throws ApiError BadRequest naming the selector and the problem.
 */
export function parseLabelSelector(text: string): ParsedLabelSelector {
  try {
    return new ParsedLabelSelector(new LabelSelectorParser(text).parse());
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ApiError('BadRequest', `unable to parse label selector "${text}": ${reason}`, [{ field: 'labelSelector', message: reason }]);
  }
}
