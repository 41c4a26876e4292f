// kn's service flags (--image, --env, --port, --scale-min ...) applied to a
// serving.knative.dev/v1 Service, for `service create` and `service update`.
import {
  INITIAL_SCALE_ANNOTATION_KEY,
  MAX_SCALE_ANNOTATION_KEY,
  MIN_SCALE_ANNOTATION_KEY,
  TARGET_ANNOTATION_KEY,
  type Container,
  type Service,
} from '@knot/api';
import type { ContainerPort, EnvVar } from 'kubernetes-types/core/v1.js';
import { intFlag, listFlag, stringFlag, type FlagSpecs, type ParsedArgs } from '../args/flags.js';
import { editMap, parseKeyValues } from '../args/key-values.js';
import { UsageError } from '../errors.js';
import { jsonEqual } from '@knot/runtime';
import { checkTrafficEdits, editTraffic, hasTrafficEdits, type TrafficEdits } from './traffic-flags.js';

export const SERVICE_FLAGS: FlagSpecs = {
  image: { type: 'string', value: 'IMAGE', description: 'container image (required by create)' },
  cmd: { type: 'string', multiple: true, value: 'CMD', description: "the container's command, replacing the image's entrypoint" },
  arg: { type: 'string', multiple: true, value: 'ARG', description: 'an argument for the command' },
  env: { type: 'string', short: 'e', multiple: true, value: 'KEY=VALUE', description: 'set an environment variable; KEY- removes it' },
  port: { type: 'string', short: 'p', value: '[NAME:]PORT', description: 'the port the container listens on; NAME h2c for HTTP/2' },
  'concurrency-limit': { type: 'string', value: 'N', description: 'hard limit of concurrent requests per instance (containerConcurrency); 0 is no limit' },
  'concurrency-target': { type: 'string', value: 'N', description: 'concurrent requests per instance the autoscaler aims for' },
  'scale-min': { type: 'string', value: 'N', description: 'minimum number of instances (autoscaling.knative.dev/min-scale)' },
  'scale-max': { type: 'string', value: 'N', description: 'maximum number of instances (autoscaling.knative.dev/max-scale)' },
  'scale-init': { type: 'string', value: 'N', description: 'instances started with a new revision (autoscaling.knative.dev/initial-scale)' },
  scale: { type: 'string', value: 'N', description: 'exactly N instances (sets --scale-min and --scale-max)' },
  annotation: { type: 'string', short: 'a', multiple: true, value: 'KEY=VALUE', description: 'annotation on the service and its revisions; KEY- removes it' },
  label: { type: 'string', short: 'l', multiple: true, value: 'KEY=VALUE', description: 'label on the service and its revisions; KEY- removes it' },
  'revision-name': { type: 'string', value: 'NAME', description: "the new revision's name, prefixed with the service's name if it is not" },
  tag: { type: 'string', multiple: true, value: 'REVISION=TAG', description: 'give a revision (or @latest) a tag and its own URL' },
  untag: { type: 'string', multiple: true, value: 'TAG', description: 'remove a tag' },
  traffic: { type: 'string', multiple: true, value: 'REVISION=PERCENT', description: 'traffic split over revisions, tags or @latest; must add up to 100' },
};

const AUTOSCALING_PREFIX = 'autoscaling.knative.dev/';

/** Every flag's syntax and range, checked before anything is read from the API. */
export function checkServiceFlags(args: ParsedArgs): void {
  for (const flag of ['env', 'annotation', 'label']) parseKeyValues(listFlag(args, flag), `--${flag}`);
  const port = stringFlag(args, 'port');
  if (port !== undefined) parsePort(port);
  intFlag(args, 'concurrency-limit', 0);
  templateAnnotations(args);
  checkTrafficEdits(trafficEdits(args));
}

function trafficEdits(args: ParsedArgs): TrafficEdits {
  return { tags: listFlag(args, 'tag'), untags: listFlag(args, 'untag'), traffic: listFlag(args, 'traffic') };
}

/** A new Service with the flags applied. */
export function newService(name: string, namespace: string, args: ParsedArgs): Service {
  const image = stringFlag(args, 'image');
  if (!image) throw new UsageError('MISSING_ARGUMENT', '--image is required');
  const svc: Service = {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec: { template: { spec: { containers: [unnamedContainer(image)] } } },
  };
  return editService(svc, args);
}

/** The Service with the flags applied; the input is not changed. */
export function editService(current: Service, args: ParsedArgs): Service {
  const svc = structuredClone(current);
  const name = svc.metadata?.name ?? '';
  const template = svc.spec.template;
  const before = structuredClone(template);
  template.spec.containers ??= [];
  const container: Container = template.spec.containers[0] ?? unnamedContainer('');
  template.spec.containers[0] = container;

  const image = stringFlag(args, 'image');
  if (image !== undefined) {
    if (image === '') throw new UsageError('BAD_FLAG', '--image: must not be empty');
    container.image = image;
  }
  const cmd = listFlag(args, 'cmd');
  if (cmd.length > 0) container.command = cmd;
  const argList = listFlag(args, 'arg');
  if (argList.length > 0) container.args = argList;
  const env = parseKeyValues(listFlag(args, 'env'), '--env');
  if (env.set.size + env.remove.size > 0) {
    const list: EnvVar[] = (container.env ?? []).filter((e) => !env.remove.has(e.name));
    for (const [key, value] of env.set) {
      const found = list.find((e) => e.name === key);
      if (found) {
        found.value = value;
        delete found.valueFrom;
      } else list.push({ name: key, value });
    }
    if (list.length > 0) container.env = list;
    else delete container.env;
  }
  const port = stringFlag(args, 'port');
  if (port !== undefined) container.ports = [parsePort(port)];

  const limit = intFlag(args, 'concurrency-limit', 0);
  if (limit !== undefined) template.spec.containerConcurrency = limit;
  const annotations = templateAnnotations(args);
  const edits = parseKeyValues(listFlag(args, 'annotation'), '--annotation');
  template.metadata ??= {};
  setOrDelete(template.metadata, 'annotations', editMap(editMap(template.metadata.annotations, edits), { set: annotations, remove: new Set() }));
  svc.metadata ??= {};
  setOrDelete(svc.metadata, 'annotations', editMap(svc.metadata.annotations, edits, (k) => !k.startsWith(AUTOSCALING_PREFIX)));
  const labels = parseKeyValues(listFlag(args, 'label'), '--label');
  setOrDelete(template.metadata, 'labels', editMap(template.metadata.labels, labels));
  setOrDelete(svc.metadata, 'labels', editMap(svc.metadata.labels, labels));

  const revisionName = stringFlag(args, 'revision-name');
  if (revisionName !== undefined) {
    if (revisionName === '') delete template.metadata.name;
    else template.metadata.name = revisionName.startsWith(`${name}-`) ? revisionName : `${name}-${revisionName}`;
  } else if (template.metadata.name && !jsonEqual(withoutName(before), withoutName(template))) {
    // A named revision cannot change; a changed template without a new name gets a generated one.
    delete template.metadata.name;
  }
  if (Object.keys(template.metadata).length === 0) delete template.metadata;

  const traffic = trafficEdits(args);
  if (hasTrafficEdits(traffic)) svc.spec.traffic = editTraffic(svc.spec.traffic, traffic);
  return svc;
}

function templateAnnotations(args: ParsedArgs): Map<string, string> {
  const out = new Map<string, string>();
  const scale = intFlag(args, 'scale', 0);
  const min = intFlag(args, 'scale-min', 0) ?? scale;
  const max = intFlag(args, 'scale-max', 0) ?? scale;
  if (min !== undefined && max !== undefined && max !== 0 && min > max) throw new UsageError('BAD_FLAG', `--scale-min ${min} is above --scale-max ${max}`);
  if (min !== undefined) out.set(MIN_SCALE_ANNOTATION_KEY, String(min));
  if (max !== undefined) out.set(MAX_SCALE_ANNOTATION_KEY, String(max));
  const init = intFlag(args, 'scale-init', 0);
  if (init !== undefined) out.set(INITIAL_SCALE_ANNOTATION_KEY, String(init));
  const target = intFlag(args, 'concurrency-target', 1);
  if (target !== undefined) out.set(TARGET_ANNOTATION_KEY, String(target));
  return out;
}

/** `8080`, or `h2c:8080` / `http1:8080` naming the protocol. */
export function parsePort(raw: string): ContainerPort {
  const colon = raw.lastIndexOf(':');
  const name = colon >= 0 ? raw.slice(0, colon) : undefined;
  const number = colon >= 0 ? raw.slice(colon + 1) : raw;
  if (name !== undefined && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) throw new UsageError('BAD_FLAG', `--port: ${JSON.stringify(name)} is not a port name (h2c, http1)`);
  if (!/^\d+$/.test(number) || Number(number) < 1 || Number(number) > 65535) throw new UsageError('BAD_FLAG', `--port: ${JSON.stringify(number)} is not a port number between 1 and 65535`);
  return { containerPort: Number(number), ...(name ? { name } : {}) };
}

/** A container without a name: admission names it user-container, as it does for kn's. */
function unnamedContainer(image: string): Container {
  return { image } as Container;
}

function setOrDelete<K extends string>(obj: { [P in K]?: Record<string, string> }, key: K, value: Record<string, string> | undefined): void {
  if (value) obj[key] = value;
  else delete obj[key];
}

function withoutName(template: Service['spec']['template']): unknown {
  const { name: _name, ...meta } = template.metadata ?? {};
  return { ...template, metadata: meta };
}
