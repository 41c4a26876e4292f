// The path a 2019 tutorial manifest takes through the API server: conversion to the stored
// version, then defaulting, then validation — each over HTTPS.
import { applyJsonPatch, type JsonPatchOperation } from '@knot/runtime';
import { admissionReview } from '../testing-fixtures/reviews.js';
import { installedStore, postJson, startWebhook, type StartedWebhook } from '../testing-fixtures/webhook-fixture.js';

let started: StartedWebhook;

beforeAll(async () => {
  started = await startWebhook(await installedStore());
});

afterAll(() => started.stop());

const release = {
  apiVersion: 'serving.knative.dev/v1alpha1',
  kind: 'Service',
  metadata: { name: 'helloworld-go', namespace: 'default' },
  spec: {
    release: {
      revisions: ['helloworld-go-00001', 'helloworld-go-00002'],
      rolloutPercent: 20,
      configuration: { revisionTemplate: { spec: { container: { image: 'gcr.io/knative-samples/helloworld-go', env: [{ name: 'TARGET', value: 'Go Sample v2' }] } } } },
    },
  },
};

interface ConversionReply {
  response: { uid: string; convertedObjects: unknown[]; result: { status: string; message?: string } };
}
interface AdmissionReply {
  response: { allowed: boolean; patch?: string; result?: { message?: string } };
}

test('the release manifest converts, is defaulted and passes validation with 80/20 traffic', async () => {
  const { port } = started.webhook;
  const ca = started.webhook.caCert();
  const conversion = (await postJson(port, ca, '/resource-conversion', {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'ConversionReview',
    request: { uid: 'conv-1', desiredAPIVersion: 'serving.knative.dev/v1', objects: [release] },
  })).json() as ConversionReply;
  expect(conversion.response.uid).toBe('conv-1');
  expect(conversion.response.result).toEqual({ status: 'Success' });
  const [v1] = conversion.response.convertedObjects;

  const defaulting = (await postJson(port, ca, '/defaulting', admissionReview({ object: v1, name: 'helloworld-go' }))).json() as AdmissionReply;
  expect(defaulting.response.allowed).toBe(true);
  const defaulted = applyJsonPatch(v1, JSON.parse(Buffer.from(defaulting.response.patch ?? '', 'base64').toString()) as JsonPatchOperation[]);
  expect(defaulted).toMatchObject({
    apiVersion: 'serving.knative.dev/v1',
    spec: {
      template: { spec: { containers: [{ name: 'user-container', image: 'gcr.io/knative-samples/helloworld-go' }] } },
      traffic: [
        { tag: 'current', revisionName: 'helloworld-go-00001', percent: 80 },
        { tag: 'candidate', revisionName: 'helloworld-go-00002', percent: 20 },
        { tag: 'latest', latestRevision: true, percent: 0 },
      ],
    },
  });

  const validation = (await postJson(port, ca, '/resource-validation', admissionReview({ object: defaulted, name: 'helloworld-go' }))).json() as AdmissionReply;
  expect(validation.response).toEqual({ uid: '705ab4f5-6393-11e8-b7cc-42010a800002', allowed: true });
});

test('a conversion the webhook cannot make fails the review with the field named', async () => {
  const { port } = started.webhook;
  const conversion = (await postJson(port, started.webhook.caCert(), '/resource-conversion', {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'ConversionReview',
    request: { uid: 'conv-2', desiredAPIVersion: 'serving.knative.dev/v1', objects: [{ ...release, spec: { release: { ...release.spec.release, rolloutPercent: 150 } } }] },
  })).json() as ConversionReply;
  expect(conversion.response.result).toEqual({ status: 'Failure', message: 'conversion failed: Service default/helloworld-go: spec.release.rolloutPercent: must be between 0 and 99, got 150' });
});
