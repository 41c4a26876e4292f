import fc from 'fast-check';
import { formatFieldErrors } from '../../field-error.js';
import { setServiceDefaults } from '../defaults/service.js';
import type { Service } from '../v1/service.js';
import { validateService } from '../validation/service.js';
import { convertFromV1, convertServing, convertToV1 } from './convert.js';
import type { ConversionResult } from './convert.js';

const helloContainer = { image: 'gcr.io/knative-samples/helloworld-go', env: [{ name: 'TARGET', value: 'Go Sample v1' }] };

// The Knative 2018–2019 hello world tutorial, as published.
const helloRunLatest = {
  apiVersion: 'serving.knative.dev/v1alpha1',
  kind: 'Service',
  metadata: { name: 'helloworld-go', namespace: 'default' },
  spec: { runLatest: { configuration: { revisionTemplate: { spec: { container: helloContainer } } } } },
};

// The tutorials' release form: 20% to the candidate revision.
const helloRelease = {
  apiVersion: 'serving.knative.dev/v1alpha1',
  kind: 'Service',
  metadata: { name: 'helloworld-go', namespace: 'default' },
  spec: {
    release: {
      revisions: ['helloworld-go-00001', 'helloworld-go-00002'],
      rolloutPercent: 20,
      configuration: { revisionTemplate: { spec: { container: { ...helloContainer, env: [{ name: 'TARGET', value: 'Go Sample v2' }] } } } },
    },
  },
};

function converted<T>(result: ConversionResult<T>): T {
  if ('errors' in result) throw new Error(`conversion failed:\n${formatFieldErrors(result.errors)}`);
  return result.object;
}

function errorsOf(result: ConversionResult<unknown>): string[] {
  return 'errors' in result ? result.errors.map((e) => `${e.path}: ${e.message}`) : [];
}

function v1alpha1Service(spec: unknown): unknown {
  return { apiVersion: 'serving.knative.dev/v1alpha1', kind: 'Service', metadata: { name: 'svc', namespace: 'default' }, spec };
}

const template = { revisionTemplate: { spec: { container: { image: 'example.com/app' } } } };
const v1Template = { spec: { containers: [{ image: 'example.com/app' }] } };

describe('tutorial manifests', () => {
  test.each([
    { name: 'helloworld-go with runLatest', manifest: helloRunLatest, wantTraffic: [{ latestRevision: true, percent: 100 }], wantTarget: 'Go Sample v1' },
    {
      name: 'release sending 20% to the candidate',
      manifest: helloRelease,
      wantTraffic: [
        { tag: 'current', revisionName: 'helloworld-go-00001', latestRevision: false, percent: 80 },
        { tag: 'candidate', revisionName: 'helloworld-go-00002', latestRevision: false, percent: 20 },
        { tag: 'latest', latestRevision: true, percent: 0 },
      ],
      wantTarget: 'Go Sample v2',
    },
  ])('$name converts, defaults and validates', ({ manifest, wantTraffic, wantTarget }) => {
    const service = converted(convertToV1(manifest)) as Service;
    expect(service.apiVersion).toBe('serving.knative.dev/v1');
    expect(service.metadata).toEqual({ name: 'helloworld-go', namespace: 'default' });
    const defaulted = setServiceDefaults(service, { user: 'alice' });
    expect(validateService(defaulted)).toEqual([]);
    expect(defaulted.spec.traffic).toEqual(wantTraffic);
    const [container] = defaulted.spec.template.spec.containers;
    expect(container?.image).toBe('gcr.io/knative-samples/helloworld-go');
    expect(container?.env).toEqual([{ name: 'TARGET', value: wantTarget }]);
  });
});

describe('convertToV1 Service modes', () => {
  test.each([
    {
      name: 'runLatest with the v1beta1 template name',
      spec: { runLatest: { configuration: { template: v1Template } } },
      want: { template: v1Template, traffic: [{ latestRevision: true, percent: 100 }] },
    },
    {
      name: 'pinned routes everything to the named revision',
      spec: { pinned: { revisionName: 'svc-00003', configuration: template } },
      want: { template: v1Template, traffic: [{ revisionName: 'svc-00003', percent: 100 }] },
    },
    {
      name: 'release with one revision gives it all traffic',
      spec: { release: { revisions: ['svc-00001'], configuration: template } },
      want: { template: v1Template, traffic: [{ tag: 'current', revisionName: 'svc-00001', percent: 100 }, { tag: 'latest', latestRevision: true }] },
    },
    {
      name: 'release with @latest as candidate follows the latest revision',
      spec: { release: { revisions: ['svc-00001', '@latest'], rolloutPercent: 35, configuration: template } },
      want: {
        template: v1Template,
        traffic: [
          { tag: 'current', revisionName: 'svc-00001', percent: 65 },
          { tag: 'candidate', latestRevision: true, percent: 35 },
          { tag: 'latest', latestRevision: true },
        ],
      },
    },
    {
      name: 'release of [@latest] alone',
      spec: { release: { revisions: ['@latest'], configuration: template } },
      want: { template: v1Template, traffic: [{ tag: 'current', latestRevision: true, percent: 100 }, { tag: 'latest', latestRevision: true }] },
    },
    {
      name: 'inline template and traffic, with a traffic name becoming a tag',
      spec: { template: v1Template, traffic: [{ name: 'blue', revisionName: 'svc-00001', percent: 100 }] },
      want: { template: v1Template, traffic: [{ tag: 'blue', revisionName: 'svc-00001', percent: 100 }] },
    },
    {
      name: 'inline revisionTemplate without traffic',
      spec: { ...template, generation: 3 },
      want: { template: v1Template },
    },
    {
      name: 'concurrencyModel Single becomes containerConcurrency 1',
      spec: { runLatest: { configuration: { revisionTemplate: { metadata: { annotations: { a: 'b' } }, spec: { container: { image: 'x' }, concurrencyModel: 'Single', timeoutSeconds: 30 } } } } },
      want: {
        template: { metadata: { annotations: { a: 'b' } }, spec: { containers: [{ image: 'x' }], containerConcurrency: 1, timeoutSeconds: 30 } },
        traffic: [{ latestRevision: true, percent: 100 }],
      },
    },
    {
      name: 'an explicit containerConcurrency wins over concurrencyModel',
      spec: { runLatest: { configuration: { revisionTemplate: { spec: { container: { image: 'x' }, concurrencyModel: 'Single', containerConcurrency: 4 } } } } },
      want: { template: { spec: { containers: [{ image: 'x' }], containerConcurrency: 4 } }, traffic: [{ latestRevision: true, percent: 100 }] },
    },
  ])('$name', ({ spec, want }) => {
    expect((converted(convertToV1(v1alpha1Service(spec))) as Service).spec).toEqual(want);
  });

  test('manual keeps the stored Service spec: no route or configuration changes', () => {
    const current = { apiVersion: 'serving.knative.dev/v1', kind: 'Service', spec: { template: v1Template, traffic: [{ revisionName: 'svc-00002', percent: 100 }] } };
    expect((converted(convertToV1(v1alpha1Service({ manual: {} }), { current })) as Service).spec).toEqual(current.spec);
  });

  test.each([
    { name: 'manual without a stored Service', spec: { manual: {} }, want: ['spec.manual: cannot be converted without the stored Service'] },
    { name: 'two modes', spec: { runLatest: { configuration: template }, pinned: { revisionName: 'a', configuration: template } }, want: ['spec: expected exactly one of runLatest, release, pinned, manual, template/traffic, got runLatest and pinned'] },
    { name: 'a mode and inline template', spec: { runLatest: { configuration: template }, template: v1Template }, want: ['spec: expected exactly one of runLatest, release, pinned, manual, template/traffic, got runLatest and template'] },
    { name: 'rolloutPercent above 99', spec: { release: { revisions: ['a', 'b'], rolloutPercent: 100, configuration: template } }, want: ['spec.release.rolloutPercent: must be between 0 and 99, got 100'] },
    { name: 'rolloutPercent with one revision', spec: { release: { revisions: ['a'], rolloutPercent: 10, configuration: template } }, want: ['spec.release.rolloutPercent: must be 0 with a single revision'] },
    { name: 'three release revisions', spec: { release: { revisions: ['a', 'b', 'c'], configuration: template } }, want: ['spec.release.revisions: expected one or two revision names, [current] or [current, candidate], got 3'] },
    { name: 'release revision not a string', spec: { release: { revisions: ['a', 7], configuration: template } }, want: ['spec.release.revisions[1]: expected a revision name or "@latest", got 7'] },
    { name: 'release without revisions', spec: { release: { configuration: template } }, want: ['spec.release.revisions: required'] },
    { name: 'pinned without revisionName', spec: { pinned: { configuration: template } }, want: ['spec.pinned.revisionName: required'] },
    { name: 'container and containers', spec: { runLatest: { configuration: { revisionTemplate: { spec: { container: { image: 'a' }, containers: [{ image: 'b' }] } } } } }, want: ['spec.runLatest.configuration.revisionTemplate.spec: expected exactly one of container, containers, got container and containers'] },
    { name: 'revisionTemplate and template', spec: { runLatest: { configuration: { ...template, template: v1Template } } }, want: ['spec.runLatest.configuration: expected exactly one of revisionTemplate, template, got revisionTemplate and template'] },
    { name: 'a build', spec: { runLatest: { configuration: { ...template, build: { apiVersion: 'build.knative.dev/v1alpha1', kind: 'Build' } } } }, want: ['spec.runLatest.configuration.build: cannot be converted: Knative Build was removed'] },
    { name: 'a buildRef', spec: { runLatest: { configuration: { revisionTemplate: { spec: { container: { image: 'a' }, buildRef: { name: 'b' } } } } } }, want: ['spec.runLatest.configuration.revisionTemplate.spec.buildRef: cannot be converted'] },
    { name: 'unknown concurrencyModel', spec: { runLatest: { configuration: { revisionTemplate: { spec: { container: { image: 'a' }, concurrencyModel: 'Many' } } } } }, want: ['spec.runLatest.configuration.revisionTemplate.spec.concurrencyModel: must be Single or Multi, got "Many"'] },
    { name: 'traffic with a different name and tag', spec: { template: v1Template, traffic: [{ name: 'a', tag: 'b', percent: 100 }] }, want: ['spec.traffic[0]: expected exactly one of name, tag, got name "a" and tag "b"'] },
    { name: 'runLatest not an object', spec: { runLatest: 'yes' }, want: ['spec.runLatest: expected an object, got string'] },
  ])('$name is refused naming the field', ({ spec, want }) => {
    const errors = errorsOf(convertToV1(v1alpha1Service(spec)));
    expect(errors).toHaveLength(want.length);
    want.forEach((w, i) => expect(errors[i]).toContain(w));
  });
});

describe('convertToV1 other kinds', () => {
  test.each([
    {
      name: 'Configuration with revisionTemplate',
      input: { apiVersion: 'serving.knative.dev/v1alpha1', kind: 'Configuration', metadata: { name: 'c' }, spec: { generation: 2, ...template } },
      want: { apiVersion: 'serving.knative.dev/v1', kind: 'Configuration', metadata: { name: 'c' }, spec: { template: v1Template } },
    },
    {
      name: 'Revision with a single container and retired fields',
      input: { apiVersion: 'serving.knative.dev/v1alpha1', kind: 'Revision', metadata: { name: 'r' }, spec: { container: { image: 'a' }, servingState: 'Active', serviceAccountName: 'sa' } },
      want: { apiVersion: 'serving.knative.dev/v1', kind: 'Revision', metadata: { name: 'r' }, spec: { containers: [{ image: 'a' }], serviceAccountName: 'sa' } },
    },
    {
      name: 'Route traffic names become tags, in spec and status',
      input: {
        apiVersion: 'serving.knative.dev/v1alpha1',
        kind: 'Route',
        metadata: { name: 'rt' },
        spec: { traffic: [{ name: 'v1', revisionName: 'a', percent: 100 }, { configurationName: 'c', percent: 0, tag: 'same', name: 'same' }] },
        status: { domain: 'rt.default.example.com', address: { hostname: 'rt.default.svc.cluster.local' }, traffic: [{ name: 'v1', revisionName: 'a', percent: 100 }] },
      },
      want: {
        apiVersion: 'serving.knative.dev/v1',
        kind: 'Route',
        metadata: { name: 'rt' },
        spec: { traffic: [{ tag: 'v1', revisionName: 'a', percent: 100 }, { configurationName: 'c', percent: 0, tag: 'same' }] },
        status: { address: { url: 'http://rt.default.svc.cluster.local' }, traffic: [{ tag: 'v1', revisionName: 'a', percent: 100 }] },
      },
    },
    {
      name: 'v1beta1 is v1 relabelled',
      input: { apiVersion: 'serving.knative.dev/v1beta1', kind: 'Service', metadata: { name: 's' }, spec: { template: v1Template } },
      want: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 's' }, spec: { template: v1Template } },
    },
  ])('$name', ({ input, want }) => {
    const before = structuredClone(input);
    expect(converted(convertToV1(input))).toEqual(want);
    expect(input).toEqual(before);
  });

  test.each([
    { name: 'not an object', input: 'Service', want: [': expected an object, got string'] },
    { name: 'another group', input: { apiVersion: 'apps/v1', kind: 'Service', spec: {} }, want: ['apiVersion: expected one of serving.knative.dev/v1, serving.knative.dev/v1beta1, serving.knative.dev/v1alpha1, got "apps/v1"'] },
    { name: 'a kind with no older version', input: { apiVersion: 'serving.knative.dev/v1alpha1', kind: 'DomainMapping', spec: {} }, want: ['kind: expected one of Service, Configuration, Revision, Route, got "DomainMapping"'] },
  ])('$name is refused', ({ input, want }) => {
    expect(errorsOf(convertToV1(input))).toEqual(want);
  });
});

describe('round trips', () => {
  test('a defaulted v1 Service survives v1 → v1alpha1 → v1 unchanged', () => {
    const v1 = setServiceDefaults(converted(convertToV1(helloRelease)) as Service);
    const down = converted(convertFromV1(v1, 'serving.knative.dev/v1alpha1'));
    expect(down.apiVersion).toBe('serving.knative.dev/v1alpha1');
    expect(converted(convertToV1(down))).toEqual(v1);
  });

  test('a v1alpha1 runLatest Service reaches v1beta1 through convertServing', () => {
    const out = converted(convertServing(helloRunLatest, 'serving.knative.dev/v1beta1')) as unknown as Service;
    expect(out.apiVersion).toBe('serving.knative.dev/v1beta1');
    expect(out.spec.traffic).toEqual([{ latestRevision: true, percent: 100 }]);
  });

  test('an unknown target version is refused', () => {
    expect(errorsOf(convertServing(helloRunLatest, 'serving.knative.dev/v2'))).toEqual([
      'apiVersion: cannot convert to "serving.knative.dev/v2": expected one of serving.knative.dev/v1, serving.knative.dev/v1beta1, serving.knative.dev/v1alpha1',
    ]);
  });

  test('conversion never throws, whatever the spec holds', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('Service', 'Configuration', 'Revision', 'Route'), (spec, kind) => {
        const result = convertToV1({ apiVersion: 'serving.knative.dev/v1alpha1', kind, spec });
        return 'object' in result || result.errors.length > 0;
      }),
      { numRuns: 300 },
    );
  });
});
