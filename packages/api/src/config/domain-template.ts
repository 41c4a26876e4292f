import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import { TemplateError, compileGoTemplate } from './go-template.js';
import { fqdnProblem } from '../names.js';

/** Knative's default `domain-template` (a Go template). */
export const DEFAULT_DOMAIN_TEMPLATE = '{{.Name}}.{{.Namespace}}.{{.Domain}}';
/** Knative's default `tag-template` (a Go template). */
export const DEFAULT_TAG_TEMPLATE = '{{.Tag}}-{{.Name}}';

/** What a domain template may refer to: `.Name`, `.Namespace`, `.Domain`, `.Annotations`, `.Labels`. */
export interface DomainTemplateValues {
  /** The route name, or the tag's host name from the tag template. */
  readonly name: string;
  readonly namespace: string;
  readonly domain: string;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
}

/** What a tag template may refer to: `.Tag` and `.Name`. */
export interface TagTemplateValues {
  readonly tag: string;
  readonly name: string;
}

function runDomain(template: string, v: DomainTemplateValues): string {
  return compileGoTemplate(template).execute({
    Name: v.name,
    Namespace: v.namespace,
    Domain: v.domain,
    Annotations: v.annotations,
    Labels: v.labels,
  });
}

/**
 * A route's host from `domain-template`, e.g. `hello.default.example.com`.
 * Throws TemplateError when the template fails or the result is not a fully qualified domain name.
 */
export function renderDomainTemplate(template: string, values: DomainTemplateValues): string {
  const host = runDomain(template, values);
  const problem = fqdnProblem(host);
  if (problem) throw new TemplateError(`invalid domain name ${JSON.stringify(host)}: ${problem}`);
  return host;
}

/**
 * The host name for a tag from `tag-template`, e.g. `candidate-hello`; the route name when the tag is empty.
 * Throws TemplateError when the template fails.
 */
export function renderTagTemplate(template: string, values: TagTemplateValues): string {
  if (values.tag === '') return values.name;
  return compileGoTemplate(template).execute({ Tag: values.tag, Name: values.name });
}

/** A container name from `container-name-template` / `init-container-name-template`, run against the parent's metadata. */
export function renderContainerNameTemplate(template: string, meta: ObjectMeta = {}): string {
  return compileGoTemplate(template).execute({
    Name: meta.name ?? '',
    GenerateName: meta.generateName ?? '',
    Namespace: meta.namespace ?? '',
    UID: meta.uid ?? '',
    ResourceVersion: meta.resourceVersion ?? '',
    Labels: meta.labels,
    Annotations: meta.annotations,
  });
}

function problemOf(run: () => string, check: (out: string) => string | undefined): string | undefined {
  try {
    return check(run());
  } catch (err) {
    if (err instanceof TemplateError) return err.message;
    throw err;
  }
}

// Rendered with sample values as Knative does: the result must be a bare host (no path, port or query).
const HOST = /^[A-Za-z0-9._~-]+$/;

/** Knative's check of a `domain-template` value: the problem, or undefined when fine. */
export function domainTemplateProblem(template: string): string | undefined {
  return problemOf(
    () => runDomain(template, { name: 'foo', namespace: 'bar', domain: 'baz.com' }),
    (host) => {
      if (host === '') return 'renders an empty host name';
      return HOST.test(host) ? undefined : `must render a bare host name, got ${JSON.stringify(host)}`;
    },
  );
}

/** Knative's check of a `tag-template` value: it must run. */
export function tagTemplateProblem(template: string): string | undefined {
  return problemOf(() => renderTagTemplate(template, { tag: 'v2', name: 'foo' }), () => undefined);
}

/** Knative's check of a container name template: it must run against empty metadata. */
export function containerNameTemplateProblem(template: string): string | undefined {
  return problemOf(() => renderContainerNameTemplate(template), () => undefined);
}
