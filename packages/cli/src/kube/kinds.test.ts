import { apps, core, eventing, resourceKey, serving } from '@knot/api';
import { UsageError } from '../errors.js';
import { kindLabel, kindOf, resolveKind } from './kinds.js';

test.each([
  { name: 'ksvc is the Knative Service', word: 'ksvc', want: serving.services },
  { name: 'kservice is the Knative Service', word: 'kservice', want: serving.services },
  { name: 'service is the core Service', word: 'service', want: core.services },
  { name: 'services is the core Service', word: 'services', want: core.services },
  { name: 'svc is the core Service', word: 'svc', want: core.services },
  { name: 'Service (the Kind) is the core Service', word: 'Service', want: core.services },
  { name: 'services with the Knative group', word: 'services.serving.knative.dev', want: serving.services },
  { name: 'singular with the Knative group', word: 'service.serving.knative.dev', want: serving.services },
  { name: 'Kind with version and group', word: 'Service.v1.serving.knative.dev', want: serving.services },
  { name: 'core Service with its version', word: 'services.v1', want: core.services },
  { name: 'rev', word: 'rev', want: serving.revisions },
  { name: 'Revision', word: 'Revision', want: serving.revisions },
  { name: 'route', word: 'route', want: serving.routes },
  { name: 'routes', word: 'routes', want: serving.routes },
  { name: 'rt', word: 'rt', want: serving.routes },
  { name: 'cfg', word: 'cfg', want: serving.configurations },
  { name: 'config', word: 'config', want: serving.configurations },
  { name: 'dm', word: 'dm', want: serving.domainMappings },
  { name: 'domainmapping', word: 'DomainMapping', want: serving.domainMappings },
  { name: 'pods', word: 'pods', want: core.pods },
  { name: 'po', word: 'po', want: core.pods },
  { name: 'pod in capitals', word: 'POD', want: core.pods },
  { name: 'deploy', word: 'deploy', want: apps.deployments },
  { name: 'deployments.apps', word: 'deployments.apps', want: apps.deployments },
  { name: 'broker', word: 'broker', want: eventing.brokers },
  { name: 'cm', word: 'cm', want: core.configMaps },
  { name: 'ns', word: 'ns', want: core.namespaces },
])('$name', ({ word, want }) => {
  expect(resourceKey(resolveKind(word))).toBe(resourceKey(want));
});

test.each([
  { name: 'an unknown word', word: 'widgets' },
  { name: 'a known plural in the wrong group', word: 'pods.serving.knative.dev' },
  { name: 'an empty word', word: '' },
])('$name is a usage error naming it', ({ word }) => {
  expect(() => resolveKind(word)).toThrow(UsageError);
  expect(() => resolveKind(word)).toThrow(`unknown resource type ${JSON.stringify(word)}`);
});

test('kindOf finds a kind by apiVersion and kind, at the version the object asks for', () => {
  expect(kindOf('serving.knative.dev/v1', 'Service')).toBe(serving.services);
  expect(kindOf('v1', 'Service')).toBe(core.services);
  expect(kindOf('serving.knative.dev/v1alpha1', 'Service')).toMatchObject({ group: 'serving.knative.dev', version: 'v1alpha1', plural: 'services' });
  expect(kindOf('example.com/v1', 'Widget')).toBeUndefined();
});

test('kindLabel spells kinds as kubectl prints them', () => {
  expect(kindLabel(serving.services)).toBe('service.serving.knative.dev');
  expect(kindLabel(core.configMaps)).toBe('configmap');
});
