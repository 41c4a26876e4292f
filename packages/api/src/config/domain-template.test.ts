import {
  DEFAULT_DOMAIN_TEMPLATE,
  DEFAULT_TAG_TEMPLATE,
  domainTemplateProblem,
  renderContainerNameTemplate,
  renderDomainTemplate,
  renderTagTemplate,
  tagTemplateProblem,
} from './domain-template.js';
import { TemplateError } from './go-template.js';

const route = { name: 'hello', namespace: 'default', domain: 'example.com' };

describe('renderDomainTemplate', () => {
  test.each([
    { name: 'Knative default', template: DEFAULT_DOMAIN_TEMPLATE, want: 'hello.default.example.com' },
    { name: 'reordered', template: '{{.Namespace}}.{{.Name}}.{{.Domain}}', want: 'default.hello.example.com' },
    { name: 'dash joined', template: '{{.Name}}-{{.Namespace}}.{{.Domain}}', want: 'hello-default.example.com' },
    { name: 'spaces inside actions', template: '{{ .Name }}.{{ .Namespace }}.{{ .Domain }}', want: 'hello.default.example.com' },
    { name: 'annotation via index', template: '{{.Name}}.{{index .Annotations "sub"}}.{{.Domain}}', want: 'hello.team.example.com' },
    { name: 'label via field', template: '{{.Name}}.{{.Labels.app}}.{{.Domain}}', want: 'hello.shop.example.com' },
    { name: 'label key with slash via index', template: '{{.Name}}.{{index .Labels "x.io/env"}}.{{.Domain}}', want: 'hello.prod.example.com' },
    { name: 'comment dropped', template: '{{/* host */}}{{.Name}}.{{.Domain}}', want: 'hello.example.com' },
    { name: 'trim markers', template: '{{.Name}}.  {{- .Domain -}}  ', want: 'hello.example.com' },
    { name: 'trailing dot allowed', template: '{{.Name}}.{{.Domain}}.', want: 'hello.example.com.' },
  ])('$name', ({ template, want }) => {
    const got = renderDomainTemplate(template, {
      ...route,
      annotations: { sub: 'team' },
      labels: { app: 'shop', 'x.io/env': 'prod' },
    });
    expect(got).toBe(want);
  });

  test.each([
    { name: 'unknown field', template: '{{.Name}}.{{.NAmespace}}.{{.Domain}}', message: /can't evaluate field NAmespace/ },
    { name: 'missing label renders <no value>', template: '{{.Name}}.{{.Labels.nope}}.{{.Domain}}', message: /invalid domain name/ },
    { name: 'one segment', template: '{{.Name}}', message: /two segments/ },
    { name: 'uppercase literal', template: '{{.Name}}.Example.com', message: /lowercase/ },
    { name: 'unclosed action', template: '{{.Name}.{{.Domain}}', message: /unsupported template action/ },
    { name: 'pipeline', template: '{{.Name | printf "%s"}}.{{.Domain}}', message: /unsupported/ },
  ])('fails: $name', ({ template, message }) => {
    expect(() => renderDomainTemplate(template, route)).toThrow(message);
    expect(() => renderDomainTemplate(template, route)).toThrow(TemplateError);
  });
});

describe('renderTagTemplate', () => {
  test.each([
    { name: 'Knative default', template: DEFAULT_TAG_TEMPLATE, tag: 'candidate', want: 'candidate-hello' },
    { name: 'name first', template: '{{.Name}}-{{.Tag}}', tag: 'v2', want: 'hello-v2' },
    { name: 'no tag gives the route name', template: DEFAULT_TAG_TEMPLATE, tag: '', want: 'hello' },
  ])('$name', ({ template, tag, want }) => {
    expect(renderTagTemplate(template, { tag, name: 'hello' })).toBe(want);
  });
});

test('container name template runs against metadata', () => {
  expect(renderContainerNameTemplate('{{.Name}}-c', { name: 'hello' })).toBe('hello-c');
  expect(renderContainerNameTemplate('user-container')).toBe('user-container');
});

describe('config-time checks, as Knative validates templates', () => {
  test.each([
    { name: 'default', template: DEFAULT_DOMAIN_TEMPLATE, ok: true },
    { name: 'constant host', template: '3', ok: true },
    { name: 'annotation index (nil map gives empty)', template: '{{.Name}}.{{index .Annotations "sub"}}.{{.Domain}}', ok: true },
    { name: 'empty', template: '', ok: false },
    { name: 'path', template: '{{.Domain}}/{{.Namespace}}/{{.Name}}.', ok: false },
    { name: 'port', template: '{{.Name}}.{{.Domain}}:8080', ok: false },
    { name: 'bad variable', template: '{{.Name}}.{{.NAmespace}}.{{.Domain}}', ok: false },
    { name: 'label field on nil map', template: '{{.Name}}.{{.Labels.x}}.{{.Domain}}', ok: false },
  ])('domain template: $name', ({ template, ok }) => {
    expect(domainTemplateProblem(template) === undefined).toBe(ok);
  });

  test.each([
    { name: 'default', template: DEFAULT_TAG_TEMPLATE, ok: true },
    { name: 'unknown field', template: '{{.Tag}}-{{.Namespace}}', ok: false },
    { name: 'map access on string', template: '{{.Tag.x}}', ok: false },
  ])('tag template: $name', ({ template, ok }) => {
    expect(tagTemplateProblem(template) === undefined).toBe(ok);
  });
});
