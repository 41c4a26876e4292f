import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { Draft, ResolvedDefaultingContext } from './context.js';
import { existing, isDraft } from './context.js';
import { setRevisionSpecDefaults } from './revision-spec.js';

/** The parent's metadata as the container-name template sees it. */
export function parentMeta(object: Draft): ObjectMeta {
  const meta = existing(object, 'metadata') ?? {};
  const str = (k: string) => (typeof meta[k] === 'string' ? meta[k] : undefined);
  const map = (k: string): Record<string, string> | undefined => {
    const v = meta[k];
    if (!isDraft(v)) return undefined;
    return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
  };
  return { name: str('name'), generateName: str('generateName'), namespace: str('namespace'), labels: map('labels'), annotations: map('annotations') };
}

function templateName(spec: unknown): unknown {
  const template = isDraft(spec) ? spec.template : undefined;
  const meta = isDraft(template) ? template.metadata : undefined;
  return isDraft(meta) ? meta.name : undefined;
}

/**
 * Defaults `spec.template` of a Configuration or Service. On update a template that keeps
 * its brought-your-own name is left alone: new defaults would change a revision that exists.
 */
export function setTemplateDefaults(spec: Draft, parent: ObjectMeta, ctx: ResolvedDefaultingContext): void {
  if (!ctx.inCreate) {
    const name = templateName(spec);
    const oldSpec = isDraft(ctx.original) ? ctx.original.spec : undefined;
    if (typeof name === 'string' && name !== '' && name === templateName(oldSpec)) return;
  }
  const template = existing(spec, 'template');
  const revisionSpec = template && existing(template, 'spec');
  if (revisionSpec) setRevisionSpecDefaults(revisionSpec, parent, ctx);
}
