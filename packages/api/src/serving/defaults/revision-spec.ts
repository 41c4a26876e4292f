// RevisionSpec defaults: timeouts and concurrency from config-defaults, container names, per-container defaults.
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import { renderContainerNameTemplate } from '../../config/domain-template.js';
import { childName } from './child-name.js';
import { setContainerDefaults, setSecurityDefaults } from './container.js';
import type { Draft, ResolvedDefaultingContext } from './context.js';
import { drafts, unset } from './context.js';

const FALLBACK_CONTAINER_NAME = 'user-container';
const FALLBACK_INIT_CONTAINER_NAME = 'init-container';

function renderName(template: string, parent: ObjectMeta, fallback: string): string {
  try {
    return renderContainerNameTemplate(template, parent) || fallback;
  } catch {
    // config-defaults validation rejects bad templates; a bad one here must not break admission.
    return fallback;
  }
}

/** Unnamed containers get the template name, numbered when there are several or it is taken. */
function nameContainers(containers: Draft[], taken: Set<string>, base: string): void {
  let next = 0;
  for (const c of containers) {
    if (typeof c.name === 'string' && c.name !== '') continue;
    let name = base;
    if (containers.length > 1 || taken.has(name)) {
      do name = childName(base, `-${next++}`);
      while (taken.has(name));
    }
    c.name = name;
  }
}

export function setRevisionSpecDefaults(spec: Draft, parent: ObjectMeta, ctx: ResolvedDefaultingContext): void {
  const d = ctx.defaults;
  if (unset(spec, 'timeoutSeconds') || spec.timeoutSeconds === 0) spec.timeoutSeconds = d.revisionTimeoutSeconds;
  const timeout = spec.timeoutSeconds;
  if (typeof timeout === 'number') {
    // Only a non-zero default shorter than the timeout is written; otherwise queue-proxy sets no timer.
    const idle = d.revisionIdleTimeoutSeconds;
    if (unset(spec, 'idleTimeoutSeconds') && idle !== 0 && idle < timeout) spec.idleTimeoutSeconds = idle;
    const start = d.revisionResponseStartTimeoutSeconds ?? d.revisionTimeoutSeconds;
    if (unset(spec, 'responseStartTimeoutSeconds') && start !== 0 && start < timeout) spec.responseStartTimeoutSeconds = start;
  }
  if (unset(spec, 'containerConcurrency')) spec.containerConcurrency = d.containerConcurrency;

  const containers = drafts(spec, 'containers');
  const inits = drafts(spec, 'initContainers');
  const taken = new Set([...containers, ...inits].map((c) => c.name).filter((n): n is string => typeof n === 'string'));
  nameContainers(containers, taken, renderName(d.userContainerName, parent, FALLBACK_CONTAINER_NAME));
  nameContainers(inits, taken, renderName(d.initContainerName, parent, FALLBACK_INIT_CONTAINER_NAME));

  for (const c of containers) {
    const serving = containers.length === 1 || (Array.isArray(c.ports) && c.ports.length > 0);
    setContainerDefaults(c, spec, serving, d);
    setSecurityDefaults(c, spec, ctx.features);
  }
  for (const c of inits) setSecurityDefaults(c, spec, ctx.features);
  if (containers.length > 0 && unset(spec, 'enableServiceLinks') && ctx.inCreate && d.enableServiceLinks !== undefined) {
    spec.enableServiceLinks = d.enableServiceLinks;
  }
}
