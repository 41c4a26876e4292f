import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { resourceKey } from '../resource-type.js';
import { KNATIVE_RESOURCES, core, eventing, serving } from '../resources.js';
import { UnknownCrdKindError, buildCrd } from './build-crd.js';
import type { CustomResourceDefinition } from './crd-types.js';
import { CRD_DESCRIPTIONS } from './crd-descriptions.js';
import { CRDS_DIR, GENERATED_HEADER, KUSTOMIZATION_FILE, crdFileName, renderCrdFiles } from './render-crds.js';
import { checkStructuralSchema } from './structural-schema.js';

const RUN = 'deploy/crds is out of date with packages/api/src/schema; run `npm run crds` and commit the result';

const rendered = renderCrdFiles();
const byKind = KNATIVE_RESOURCES.map((rt) => ({ kind: rt.kind, rt }));

function readCrdFile(name: string): string {
  return readFileSync(new URL(name, CRDS_DIR), 'utf8');
}

function crdOf(kind: string): CustomResourceDefinition {
  const rt = KNATIVE_RESOURCES.find((r) => r.kind === kind);
  if (!rt) throw new Error(`no kind ${kind}`);
  return buildCrd(rt);
}

describe('deploy/crds', () => {
  test.each(rendered.map((f) => ({ file: f.name, content: f.content })))('$file matches the generator', ({ file, content }) => {
    let checkedIn: string;
    try {
      checkedIn = readCrdFile(file);
    } catch (err) {
      throw new Error(`deploy/crds/${file} is missing; ${RUN}`, { cause: err });
    }
    expect(checkedIn.startsWith(GENERATED_HEADER)).toBe(true);
    try {
      expect(parse(checkedIn)).toEqual(parse(content));
    } catch (err) {
      throw new Error(`deploy/crds/${file} differs: ${RUN}\n${(err as Error).message}`, { cause: err });
    }
  });

  test('holds one file per kind plus the kustomization, and nothing else', () => {
    const want = [...KNATIVE_RESOURCES.map(crdFileName), KUSTOMIZATION_FILE].sort();
    const have = readdirSync(CRDS_DIR).sort();
    expect(have).toEqual(want);
  });

  test('the kustomization lists every CRD file', () => {
    const kustomization = parse(readCrdFile(KUSTOMIZATION_FILE)) as { resources: string[] };
    expect([...kustomization.resources].sort()).toEqual(KNATIVE_RESOURCES.map(crdFileName).sort());
  });

  test.each(rendered.map((f) => ({ file: f.name, content: f.content })))('$file uses no YAML anchors', ({ content }) => {
    expect(content).not.toMatch(/(^|\s)[&*][A-Za-z0-9]+\s*$/m);
  });
});

describe('buildCrd', () => {
  test('has a description for exactly the registry kinds', () => {
    expect(Object.keys(CRD_DESCRIPTIONS).sort()).toEqual(KNATIVE_RESOURCES.map(resourceKey).sort());
  });

  test.each(byKind)('$kind has a structural schema', ({ rt }) => {
    expect(checkStructuralSchema(buildCrd(rt).spec.versions[0]!.schema.openAPIV3Schema)).toEqual([]);
  });

  test.each(byKind)('$kind names, scope and version come from the registry', ({ rt }) => {
    const crd = buildCrd(rt);
    expect(crd.metadata.name).toBe(resourceKey(rt));
    expect(crd.spec.group).toBe(rt.group);
    expect(crd.spec.names).toMatchObject({ kind: rt.kind, listKind: `${rt.kind}List`, plural: rt.plural, singular: rt.kind.toLowerCase() });
    expect(crd.spec.names.shortNames ?? []).toEqual(rt.shortNames);
    expect(crd.spec.scope).toBe('Namespaced');
    expect(crd.spec.versions.map((v) => [v.name, v.served, v.storage])).toEqual([[rt.version, true, true]]);
    expect(crd.metadata.labels).toMatchObject({ 'knative.dev/crd-install': 'true', 'app.kubernetes.io/name': 'knot' });
  });

  test.each(byKind)('$kind has a status subresource and Ready and Reason columns', ({ rt }) => {
    const [version] = buildCrd(rt).spec.versions;
    expect(version?.subresources).toEqual({ status: {} });
    const columns = Object.fromEntries((version?.additionalPrinterColumns ?? []).map((c) => [c.name, c.jsonPath]));
    expect(columns['Ready']).toBe('.status.conditions[?(@.type=="Ready")].status');
    expect(columns['Reason']).toBe('.status.conditions[?(@.type=="Ready")].reason');
  });

  test.each([
    { kind: 'Service', columns: ['URL', 'LatestCreated', 'LatestReady', 'Ready', 'Reason'] },
    { kind: 'Configuration', columns: ['LatestCreated', 'LatestReady', 'Ready', 'Reason'] },
    { kind: 'Revision', columns: ['Config Name', 'Generation', 'Ready', 'Reason', 'Actual Replicas', 'Desired Replicas'] },
    { kind: 'Route', columns: ['URL', 'Ready', 'Reason'] },
    { kind: 'Broker', columns: ['URL', 'Age', 'Ready', 'Reason', 'Class'] },
    { kind: 'Trigger', columns: ['Broker', 'Subscriber_URI', 'Age', 'Ready', 'Reason'] },
    { kind: 'PingSource', columns: ['Sink', 'Schedule', 'Age', 'Ready', 'Reason'] },
  ])('kubectl get $kind shows Knative columns', ({ kind, columns }) => {
    expect(crdOf(kind).spec.versions[0]!.additionalPrinterColumns!.map((c) => c.name)).toEqual(columns);
  });

  test.each([
    { name: 'ksvc is a short name of Service', kind: 'Service', field: 'shortNames', want: ['kservice', 'ksvc'] },
    { name: 'rev is a short name of Revision', kind: 'Revision', field: 'shortNames', want: ['rev'] },
    { name: 'Service is in kubectl get all', kind: 'Service', field: 'categories', want: ['all', 'knative', 'serving'] },
    { name: 'PodAutoscaler stays out of kubectl get all', kind: 'PodAutoscaler', field: 'categories', want: ['knative-internal', 'autoscaling'] },
    { name: 'Channel is in the channel category', kind: 'Channel', field: 'categories', want: ['all', 'knative', 'messaging', 'channel'] },
  ] as const)('$name', ({ kind, field, want }) => {
    expect(crdOf(kind).spec.names[field]).toEqual(want);
  });

  test.each([
    { kind: 'Revision', jsonPath: ".metadata.labels['serving\\.knative\\.dev/configurationGeneration']" },
    { kind: 'Broker', jsonPath: ".metadata.annotations['eventing\\.knative\\.dev/broker\\.class']" },
  ])('$kind reads a dotted metadata key through an escaped JSONPath', ({ kind, jsonPath }) => {
    expect(crdOf(kind).spec.versions[0]!.additionalPrinterColumns!.map((c) => c.jsonPath)).toContain(jsonPath);
  });

  test.each([
    { kind: 'Service', label: 'duck.knative.dev/addressable' },
    { kind: 'Service', label: 'duck.knative.dev/podspecable' },
    { kind: 'InMemoryChannel', label: 'messaging.knative.dev/subscribable' },
    { kind: 'PingSource', label: 'duck.knative.dev/source' },
    { kind: 'SinkBinding', label: 'duck.knative.dev/binding' },
  ])('$kind carries the $label duck label', ({ kind, label }) => {
    expect(crdOf(kind).metadata.labels[label]).toBe('true');
  });

  test('DomainMapping is served as v1beta1 and EventType as v1beta3', () => {
    expect(buildCrd(serving.domainMappings).spec.versions[0]!.name).toBe('v1beta1');
    expect(buildCrd(eventing.eventTypes).spec.versions[0]!.name).toBe('v1beta3');
  });

  test('a Revision requires containers and keeps open parts of the pod spec', () => {
    const spec = buildCrd(serving.revisions).spec.versions[0]!.schema.openAPIV3Schema.properties!['spec']!;
    expect(spec.required).toEqual(['containers']);
    expect(spec.properties!['affinity']!['x-kubernetes-preserve-unknown-fields']).toBe(true);
  });

  test('returns a copy that callers may change', () => {
    const first = buildCrd(serving.services);
    (first.spec.versions[0]!.schema.openAPIV3Schema.properties!['spec'] as { description?: string }).description = 'changed';
    first.spec.names.shortNames!.push('x');
    expect(buildCrd(serving.services).spec.versions[0]!.schema.openAPIV3Schema.properties!['spec']!.description).not.toBe('changed');
    expect(buildCrd(serving.services).spec.names.shortNames).toEqual(['kservice', 'ksvc']);
  });

  test('rejects a kind knot does not define as a CRD', () => {
    let caught: unknown;
    try {
      buildCrd(core.pods);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UnknownCrdKindError);
    expect((caught as UnknownCrdKindError).code).toBe('UNKNOWN_CRD_KIND');
  });
});
