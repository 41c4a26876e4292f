// Whatever arrives, the webhook answers with a 4xx or a denied review, and keeps serving.
import fc from 'fast-check';
import { admissionReview, userService } from '../testing-fixtures/reviews.js';
import { installedStore, postJson, request, startWebhook, type StartedWebhook } from '../testing-fixtures/webhook-fixture.js';

let started: StartedWebhook;
let port: number;
let ca: string;

beforeAll(async () => {
  started = await startWebhook(await installedStore(), { maxBodyBytes: 64 * 1024 });
  port = started.webhook.port;
  ca = started.webhook.caCert();
});

afterAll(() => started.stop());

const ADMISSION_PATHS = ['/defaulting', '/resource-validation', '/config-validation'];
const ALL_PATHS = [...ADMISSION_PATHS, '/resource-conversion'];

interface Reply {
  response?: { allowed?: boolean; result?: { message?: string; status?: string } };
  message?: string;
}

/** A 4xx with a message, a denied review, or (for conversion) a failed conversion; never a 5xx. */
function expectRefusedOrAnswered(status: number, body: string): void {
  expect(status).toBeLessThan(500);
  const reply = JSON.parse(body) as Reply;
  if (status >= 400) expect(reply.message).toEqual(expect.any(String));
  else expect(reply.response).toBeDefined();
}

describe('bad input', () => {
  test.each([
    { name: 'non-JSON', path: '/defaulting', body: '{"apiVersion": ', status: 400, message: 'body is not JSON' },
    { name: 'a JSON string', path: '/defaulting', body: '"AdmissionReview"', status: 400, message: 'expected an AdmissionReview object, got string' },
    { name: 'a review without uid', path: '/resource-validation', body: JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: {} }), status: 400, message: 'request.uid' },
    { name: 'a v1beta1 review', path: '/defaulting', body: JSON.stringify({ ...admissionReview({ object: {} }), apiVersion: 'admission.k8s.io/v1beta1' }), status: 400, message: 'apiVersion: expected admission.k8s.io/v1' },
    { name: 'a wrong content type', path: '/defaulting', body: 'a=b', contentType: 'application/x-www-form-urlencoded', status: 415, message: 'content type must be application/json' },
    { name: 'an oversized body', path: '/defaulting', body: JSON.stringify({ pad: 'x'.repeat(200 * 1024) }), status: 413, message: 'body exceeds 65536 bytes' },
    { name: 'a GET on a webhook path', path: '/defaulting', method: 'GET', status: 405, message: 'accepts POST only' },
    { name: 'an unknown path', path: '/mutate', body: '{}', status: 404, message: 'no webhook at /mutate' },
  ])('$name gets $status naming the problem', async ({ path, body, contentType, method, status, message }) => {
    const reply = await request(port, ca, path, { body, contentType, method });
    expect(reply.status).toBe(status);
    expect((reply.json() as Reply).message).toContain(message);
  });

  test('a review with an unknown kind is denied naming the kind', async () => {
    const review = admissionReview({ kind: { group: 'serving.knative.dev', version: 'v1', kind: 'Gadget' }, object: {} });
    const reply = await postJson(port, ca, '/resource-validation', review);
    expect(reply.status).toBe(200);
    expect((reply.json() as Reply).response).toMatchObject({ allowed: false, result: { message: 'validation failed: unhandled kind: serving.knative.dev/v1, Kind=Gadget' } });
  });

  test('random bytes never get a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ALL_PATHS), fc.uint8Array({ maxLength: 512 }), async (path, bytes) => {
        const reply = await request(port, ca, path, { body: Buffer.from(bytes) });
        expectRefusedOrAnswered(reply.status, reply.body);
      }),
      { numRuns: 40 },
    );
  });

  test('random JSON never gets a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ALL_PATHS), fc.jsonValue({ maxDepth: 4 }), async (path, value) => {
        const reply = await postJson(port, ca, path, value);
        expectRefusedOrAnswered(reply.status, reply.body);
      }),
      { numRuns: 40 },
    );
  });

  test('reviews with random objects are answered, never with a 5xx', async () => {
    const kind = fc.constantFrom('Service', 'Configuration', 'Revision', 'Route', 'DomainMapping', 'ConfigMap');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ADMISSION_PATHS), kind, fc.constantFrom('CREATE', 'UPDATE'), fc.jsonValue({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 3 }), async (path, k, operation, object, oldObject) => {
        const gvk = k === 'ConfigMap' ? { group: '', version: 'v1', kind: k } : { group: 'serving.knative.dev', version: k === 'DomainMapping' ? 'v1beta1' : 'v1', kind: k };
        const reply = await postJson(port, ca, path, admissionReview({ kind: gvk, operation, object, oldObject, namespace: 'knative-serving' }));
        expect(reply.status).toBe(200);
        expect((reply.json() as Reply).response?.allowed).toEqual(expect.any(Boolean));
      }),
      { numRuns: 60 },
    );
  });

  test('truncated reviews get a 400', async () => {
    const whole = JSON.stringify(admissionReview({ object: userService() }));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: whole.length - 1 }), fc.constantFrom(...ALL_PATHS), async (cut, path) => {
        const reply = await request(port, ca, path, { body: whole.slice(0, cut) });
        expect(reply.status).toBe(400);
      }),
      { numRuns: 40 },
    );
  });

  test('after all that, a valid request still works', async () => {
    const reply = await postJson(port, ca, '/defaulting', admissionReview({ object: userService() }));
    expect(reply.status).toBe(200);
    expect((reply.json() as Reply).response?.allowed).toBe(true);
  });
});
