import { validateRoute } from './route.js';
import { validateService } from './service.js';
import { outcome, helloworldService } from './testing/fixtures.js';

const T = 'spec.traffic';

interface Row {
  name: string;
  traffic: unknown;
  want: string;
}

function route(traffic: unknown): unknown {
  return { apiVersion: 'serving.knative.dev/v1', kind: 'Route', metadata: { name: 'hello', namespace: 'default' }, spec: { traffic } };
}

function service(traffic: unknown): unknown {
  const svc = helloworldService();
  (svc.spec as Record<string, unknown>).traffic = traffic;
  return svc;
}

const expected = (want: string): unknown => (want === '' ? '' : expect.stringContaining(want));

describe('Route traffic', () => {
  test.each<Row>([
    { name: 'all to a configuration', traffic: [{ configurationName: 'hello', percent: 100 }], want: '' },
    { name: 'split between revisions', traffic: [{ revisionName: 'hello-00001', percent: 90 }, { revisionName: 'hello-00002', percent: 10, tag: 'canary' }], want: '' },
    { name: 'a tag with no traffic', traffic: [{ configurationName: 'hello', percent: 100 }, { revisionName: 'hello-00001', tag: 'old' }], want: '' },
    { name: 'latest of a configuration', traffic: [{ configurationName: 'hello', latestRevision: true, percent: 100 }], want: '' },
    { name: 'pinned revision', traffic: [{ revisionName: 'hello-00001', latestRevision: false, percent: 100 }], want: '' },
    { name: 'no traffic at all', traffic: undefined, want: `${T}: traffic targets sum to 0, want 100` },
    { name: 'does not add up', traffic: [{ configurationName: 'hello', percent: 90 }], want: `${T}: traffic targets sum to 90, want 100` },
    { name: 'tagged targets count too', traffic: [{ configurationName: 'hello', percent: 100 }, { revisionName: 'hello-00001', percent: 10, tag: 'old' }], want: `${T}: traffic targets sum to 110, want 100` },
    { name: 'percent over 100', traffic: [{ configurationName: 'hello', percent: 101 }], want: `${T}[0].percent: must be between 0 and 100, got 101` },
    { name: 'negative percent', traffic: [{ configurationName: 'a', percent: -10 }, { configurationName: 'b', percent: 110 }], want: `${T}[0].percent: must be between 0 and 100, got -10` },
    { name: 'both names', traffic: [{ configurationName: 'hello', revisionName: 'hello-00001', percent: 100 }], want: `${T}[0]: expected exactly one of revisionName, configurationName, got both` },
    { name: 'neither name', traffic: [{ percent: 100 }], want: `${T}[0]: expected exactly one of revisionName, configurationName, got none` },
    { name: 'bad revision name', traffic: [{ revisionName: 'Hello World', percent: 100 }], want: `${T}[0].revisionName: invalid name "Hello World"` },
    { name: 'latest with a revision', traffic: [{ revisionName: 'hello-00001', latestRevision: true, percent: 100 }], want: `${T}[0].latestRevision: must not be true when revisionName is set ("hello-00001")` },
    { name: 'not latest without a revision', traffic: [{ configurationName: 'hello', latestRevision: false, percent: 100 }], want: `${T}[0].latestRevision: false requires revisionName` },
    { name: 'duplicate tags', traffic: [{ revisionName: 'a-1', percent: 50, tag: 'x' }, { revisionName: 'a-2', percent: 50, tag: 'x' }], want: `${T}[1].tag: duplicate tag "x", also used by [0]` },
    { name: 'tag not a DNS label', traffic: [{ configurationName: 'hello', percent: 100, tag: 'Canary' }], want: `${T}[0].tag: not a DNS-1035 label` },
    { name: 'tag starting with a digit', traffic: [{ configurationName: 'hello', percent: 100, tag: '1st' }], want: `${T}[0].tag: not a DNS-1035 label` },
    { name: 'url is status only', traffic: [{ configurationName: 'hello', percent: 100, tag: 'a', url: 'http://a-hello.default.example.com' }], want: `${T}[0].url: must not be set: url is reported in status only` },
    { name: 'null entry', traffic: [null], want: `${T}[0]: expected an object, got null` },
    { name: 'percent as a string', traffic: [{ configurationName: 'hello', percent: '100' }], want: `${T}[0].percent: expected an integer, got string` },
    { name: 'traffic not a list', traffic: { configurationName: 'hello' }, want: `${T}: expected an array, got object` },
  ])('$name', ({ traffic, want }) => {
    expect(outcome(validateRoute(route(traffic)))).toEqual(expected(want));
  });
});

describe('Service traffic', () => {
  test.each<Row>([
    { name: 'empty gets the default', traffic: [], want: '' },
    { name: 'latest', traffic: [{ latestRevision: true, percent: 100 }], want: '' },
    { name: 'percent only', traffic: [{ percent: 100 }], want: '' },
    { name: 'pinned and latest', traffic: [{ revisionName: 'helloworld-go-00001', percent: 50 }, { latestRevision: true, percent: 50 }], want: '' },
    { name: 'configurationName is implied', traffic: [{ configurationName: 'helloworld-go', percent: 100 }], want: `${T}[0].configurationName: must not be set: a Service's traffic always uses its own Configuration` },
    { name: 'still sums to 100', traffic: [{ latestRevision: true, percent: 60 }], want: `${T}: traffic targets sum to 60, want 100` },
  ])('$name', ({ traffic, want }) => {
    expect(outcome(validateService(service(traffic)))).toEqual(expected(want));
  });
});
