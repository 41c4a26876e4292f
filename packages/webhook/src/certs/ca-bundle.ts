// Puts the CA into every place the API server reads it from: each webhook of the named
// Mutating/ValidatingWebhookConfigurations and the conversion webhook of the named CRDs.
import { admissionregistration, apiextensions, type KubeObject, type ResourceType } from '@knot/api';
import { isConflict, isNotFound, noopLogger, type Client, type Logger } from '@knot/runtime';
import { get, isRecord } from '../json.js';

export interface CABundleTargets {
  readonly mutatingWebhookConfigurations: readonly string[];
  readonly validatingWebhookConfigurations: readonly string[];
  /** CRDs (e.g. `services.serving.knative.dev`) whose conversion strategy is Webhook. */
  readonly customResourceDefinitions: readonly string[];
}

/** What happened to each target, for logs and tests: `patched`, `unchanged`, `missing` or `skipped` (no webhook conversion). */
export type PatchOutcome = 'patched' | 'unchanged' | 'missing' | 'skipped';

const MAX_ATTEMPTS = 5;

/** Patches `caPem` (PEM) into every target; a missing object is logged and skipped, not an error. */
export async function patchCABundles(client: Client, targets: CABundleTargets, caPem: string, logger: Logger = noopLogger): Promise<Record<string, PatchOutcome>> {
  const caBundle = Buffer.from(caPem, 'utf8').toString('base64');
  const outcomes: Record<string, PatchOutcome> = {};
  type Setter = (obj: Record<string, unknown>, caBundle: string) => boolean | undefined;
  const jobs: { rt: ResourceType; name: string; set: Setter }[] = [
    ...targets.mutatingWebhookConfigurations.map((name) => ({ rt: admissionregistration.mutatingWebhookConfigurations, name, set: setOnWebhooks })),
    ...targets.validatingWebhookConfigurations.map((name) => ({ rt: admissionregistration.validatingWebhookConfigurations, name, set: setOnWebhooks })),
    ...targets.customResourceDefinitions.map((name) => ({ rt: apiextensions.customResourceDefinitions, name, set: setOnConversion })),
  ];
  for (const { rt, name, set } of jobs) {
    const outcome = await patchOne(client, rt, name, (obj) => set(obj, caBundle));
    outcomes[`${rt.kind}/${name}`] = outcome;
    if (outcome === 'missing') logger.warn({ kind: rt.kind, name }, 'cannot patch the CA bundle: not found');
    else if (outcome === 'skipped') logger.warn({ kind: rt.kind, name }, 'not patching the CA bundle: conversion strategy is not Webhook');
    else logger.debug({ kind: rt.kind, name, outcome }, 'CA bundle');
  }
  return outcomes;
}

async function patchOne(client: Client, rt: ResourceType, name: string, set: (obj: Record<string, unknown>) => boolean | undefined): Promise<PatchOutcome> {
  for (let attempt = 1; ; attempt++) {
    let obj: KubeObject;
    try {
      obj = await client.get(rt, undefined, name);
    } catch (err) {
      if (isNotFound(err)) return 'missing';
      throw err;
    }
    const copy = structuredClone(obj) as Record<string, unknown>;
    const changed = set(copy);
    if (changed === undefined) return 'skipped';
    if (!changed) return 'unchanged';
    try {
      await client.update(rt, copy);
      return 'patched';
    } catch (err) {
      if (!isConflict(err) || attempt >= MAX_ATTEMPTS) throw err;
    }
  }
}

/** Sets `webhooks[].clientConfig.caBundle`; true when something changed. */
function setOnWebhooks(obj: Record<string, unknown>, caBundle: string): boolean {
  const webhooks = get(obj, 'webhooks');
  let changed = false;
  for (const hook of Array.isArray(webhooks) ? webhooks : []) {
    if (!isRecord(hook)) continue;
    const clientConfig = isRecord(get(hook, 'clientConfig')) ? (get(hook, 'clientConfig') as Record<string, unknown>) : {};
    if (clientConfig.caBundle === caBundle) continue;
    (hook as Record<string, unknown>).clientConfig = { ...clientConfig, caBundle };
    changed = true;
  }
  return changed;
}

/** Sets `spec.conversion.webhook.clientConfig.caBundle`; undefined when the CRD does not convert by webhook. */
function setOnConversion(obj: Record<string, unknown>, caBundle: string): boolean | undefined {
  const spec = get(obj, 'spec');
  const conversion = isRecord(spec) ? get(spec, 'conversion') : undefined;
  if (!isRecord(conversion) || get(conversion, 'strategy') !== 'Webhook') return undefined;
  const webhook = isRecord(get(conversion, 'webhook')) ? (get(conversion, 'webhook') as Record<string, unknown>) : {};
  const clientConfig = isRecord(get(webhook, 'clientConfig')) ? (get(webhook, 'clientConfig') as Record<string, unknown>) : {};
  if (clientConfig.caBundle === caBundle) return false;
  (conversion as Record<string, unknown>).webhook = { ...webhook, clientConfig: { ...clientConfig, caBundle } };
  return true;
}
