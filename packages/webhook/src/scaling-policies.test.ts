// knot's scaling policy annotations at admission, over HTTPS as the API server calls the webhook:
// a value the autoscaler could not read is refused naming the annotation.
import { setServiceDefaults, type Service } from '@knot/api';
import { admissionReview, userService } from './testing-fixtures/reviews.js';
import { installedStore, postJson, startWebhook, type StartedWebhook } from './testing-fixtures/webhook-fixture.js';

const SCHEDULE = 'autoscaling.knative.dev/scale-schedule';
const RESERVE = 'autoscaling.knative.dev/reserve-instance-resources';
const OFFICE_HOURS = '[{"schedule": "0 9 * * 1-5", "duration": "9h", "minScale": 5, "timezone": "Asia/Shanghai"}]';

interface ReviewReply {
  response: { allowed: boolean; result?: { code?: number; message?: string; details?: { causes: { field: string; message: string }[] } } };
}

/** A Service as the defaulting webhook leaves it, with `annotations` on its revision template. */
function serviceWithTemplateAnnotations(annotations: Record<string, string>): Record<string, unknown> {
  const service = setServiceDefaults(userService() as unknown as Service, { user: 'alice' });
  service.spec.template.metadata = { ...service.spec.template.metadata, annotations };
  return service as unknown as Record<string, unknown>;
}

let started: StartedWebhook;
beforeAll(async () => {
  started = await startWebhook(await installedStore());
});
afterAll(() => started.stop());

async function validate(annotations: Record<string, string>): Promise<ReviewReply['response']> {
  const { webhook } = started;
  const reply = await postJson(webhook.port, webhook.caCert(), '/resource-validation', admissionReview({ object: serviceWithTemplateAnnotations(annotations) }));
  expect(reply.status).toBe(200);
  return (reply.json() as ReviewReply).response;
}

interface Row {
  name: string;
  annotations: Record<string, string>;
}

describe('scaling policy annotations at the validating webhook', () => {
  test.each<Row>([
    { name: 'office hours in Shanghai', annotations: { [SCHEDULE]: OFFICE_HOURS } },
    { name: 'a reserved instance', annotations: { [RESERVE]: 'cpu=100m,memory=128Mi' } },
    { name: 'both on the kpa class with min-scale 0', annotations: { [SCHEDULE]: OFFICE_HOURS, [RESERVE]: 'cpu=100m', 'autoscaling.knative.dev/class': 'kpa.autoscaling.knative.dev', 'autoscaling.knative.dev/min-scale': '0' } },
  ])('admits $name', async ({ annotations }) => {
    expect(await validate(annotations)).toMatchObject({ allowed: true });
  });

  test('a schedule with a bad cron expression is denied naming the annotation and the window', async () => {
    const response = await validate({ [SCHEDULE]: '[{"schedule": "0 25 * * *", "duration": "1h", "minScale": 2}]' });
    const field = `spec.template.metadata.annotations[${SCHEDULE}]`;
    // The last part is croner's own wording.
    const message = '[0].schedule: invalid cron expression "0 25 * * *": CronPattern: Invalid value for hour: 25';
    expect(response.allowed).toBe(false);
    expect(response.result?.code).toBe(400);
    expect(response.result?.message).toBe(`validation failed: ${field}: ${message}`);
    expect(response.result?.details?.causes).toEqual([{ reason: 'FieldValueInvalid', field, message }]);
  });

  test.each<Row & { key: string; want: string }>([
    { name: 'a schedule that is not JSON', annotations: { [SCHEDULE]: '9:00-18:00=5' }, key: SCHEDULE, want: 'not JSON; want an array of {"schedule", "duration", "minScale"} windows' },
    { name: 'a schedule with a negative minScale', annotations: { [SCHEDULE]: '[{"schedule": "0 9 * * *", "duration": "1h", "minScale": -1}]' }, key: SCHEDULE, want: '[0].minScale: must be an integer between 0 and 2147483647, got -1' },
    { name: 'a reserve with a bad quantity', annotations: { [RESERVE]: 'cpu=lots' }, key: RESERVE, want: 'invalid quantity "lots" for cpu; want e.g. cpu=100m,memory=128Mi' },
    {
      name: 'a reserve on a revision that never scales to zero',
      annotations: { [RESERVE]: 'cpu=100m', 'autoscaling.knative.dev/min-scale': '1' },
      key: RESERVE,
      want: 'min-scale=1 keeps the revision from scaling to zero, so the reserved instance would never be used',
    },
  ])('denies $name', async ({ annotations, key, want }) => {
    const response = await validate(annotations);
    expect(response.allowed).toBe(false);
    expect(response.result?.message).toBe(`validation failed: spec.template.metadata.annotations[${key}]: ${want}`);
  });
});

