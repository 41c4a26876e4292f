// The subset of Go's text/template that Knative's templates use in practice:
// `{{.Field}}`, `{{.Map.key}}`, `{{index .Map "key"}}`, comments and `{{-`/`-}}` trims.
// Anything else is rejected when the template is compiled, with the reason.

/** A template could not be parsed or executed, or rendered an unusable value. */
export class TemplateError extends Error {
  readonly code = 'InvalidTemplate';

  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

/** Values a template runs against: strings, or string maps (undefined is Go's nil map). */
export type TemplateValues = Readonly<Record<string, string | Readonly<Record<string, string>> | undefined>>;

type Part =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'field'; readonly path: readonly string[] }
  | { readonly kind: 'index'; readonly field: string; readonly key: string };

/** A compiled template. */
export interface GoTemplate {
  readonly source: string;
  /** Renders the template; throws TemplateError where Go's Execute would fail. */
  execute(values: TemplateValues): string;
}

const IDENT = '[A-Za-z_][A-Za-z0-9_]*';
const FIELD = new RegExp(`^((?:\\.${IDENT})+)$`);
const INDEX = new RegExp(`^index\\s+\\.(${IDENT})\\s+("(?:[^"\\\\\\n]|\\\\.)*"|\`[^\`]*\`)$`);
const COMMENT = /^\/\*[\s\S]*\*\/$/;

function unquote(literal: string): string {
  if (literal.startsWith('`')) return literal.slice(1, -1);
  try {
    const value: unknown = JSON.parse(literal);
    if (typeof value === 'string') return value;
  } catch {
    // Go escapes JSON lacks (\x41, \a) are not worth supporting in host templates.
  }
  throw new TemplateError(`unsupported string literal ${literal}`);
}

function parseAction(body: string): Part | undefined {
  if (COMMENT.test(body)) return undefined;
  const field = FIELD.exec(body);
  if (field) return { kind: 'field', path: field[1]!.slice(1).split('.') };
  const index = INDEX.exec(body);
  if (index) return { kind: 'index', field: index[1]!, key: unquote(index[2]!) };
  throw new TemplateError(`unsupported template action {{${body}}}`);
}

function parse(source: string): Part[] {
  const parts: Part[] = [];
  let rest = source;
  let trimNext = false;
  for (;;) {
    const open = rest.indexOf('{{');
    let text = open < 0 ? rest : rest.slice(0, open);
    if (trimNext) text = text.trimStart();
    if (open < 0) {
      if (text) parts.push({ kind: 'text', text });
      return parts;
    }
    const close = rest.indexOf('}}', open + 2);
    if (close < 0) throw new TemplateError(`unclosed action in ${JSON.stringify(source)}`);
    let body = rest.slice(open + 2, close);
    if (/^-\s/.test(body)) {
      text = text.trimEnd();
      body = body.slice(1);
    }
    trimNext = /\s-$/.test(body);
    if (trimNext) body = body.slice(0, -1);
    if (text) parts.push({ kind: 'text', text });
    const action = parseAction(body.trim());
    if (action) parts.push(action);
    rest = rest.slice(close + 2);
  }
}

function lookup(values: TemplateValues, name: string): TemplateValues[string] {
  if (!Object.hasOwn(values, name)) throw new TemplateError(`can't evaluate field ${name}`);
  return values[name];
}

function render(part: Part, values: TemplateValues): string {
  if (part.kind === 'text') return part.text;
  if (part.kind === 'index') {
    const map = lookup(values, part.field);
    if (typeof map === 'string') throw new TemplateError(`can't index item of type string (.${part.field})`);
    // Go's index yields the zero value for a missing key, even on a nil map.
    return map && Object.hasOwn(map, part.key) ? (map[part.key] ?? '') : '';
  }
  const [name, key, ...extra] = part.path as [string, ...string[]];
  const value = lookup(values, name);
  if (key === undefined) {
    if (typeof value === 'string') return value;
    throw new TemplateError(`.${name} is a map; use a key such as .${name}.example`);
  }
  if (typeof value === 'string') throw new TemplateError(`can't evaluate field ${key} in type string`);
  if (extra.length > 0) throw new TemplateError(`can't evaluate field ${extra[0]!} in type string`);
  // A missing key prints as Go's `<no value>`.
  return value && Object.hasOwn(value, key) ? (value[key] ?? '') : '<no value>';
}

const cache = new Map<string, GoTemplate>();
const CACHE_SIZE = 32;

/** Compiles a template, reusing recent compilations (templates come from config and rarely change). */
export function compileGoTemplate(source: string): GoTemplate {
  const hit = cache.get(source);
  if (hit) return hit;
  const parts = parse(source);
  const template: GoTemplate = Object.freeze({
    source,
    execute: (values: TemplateValues) => parts.map((p) => render(p, values)).join(''),
  });
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(source, template);
  return template;
}
