// knot describe KIND [NAME...]: what an object is, its conditions and its recent events.
import { apiVersionOf, resourceKey, serving, type KubeObject, type ResourceType, type Revision, type Route, type Service } from '@knot/api';
import { stringFlag, type FlagSpecs } from '../args/flags.js';
import { ExitCode } from '../errors.js';
import { parseTargets } from '../kube/object-refs.js';
import { conditionLines, eventLines, fields, metadataFields, yamlSection } from '../output/describe-sections.js';
import { formatError } from '../output/format-error.js';
import { revisionFields, routeFields, serviceFields, trafficLines } from '../serving/describe-serving.js';
import type { Command, Session } from './command.js';
import { byNamespaceAndName } from './get.js';

const flags: FlagSpecs = {
  selector: { type: 'string', short: 'l', value: 'SELECTOR', description: 'describe the objects matching this label selector' },
};

export const describeCommand: Command = {
  name: 'describe',
  summary: 'show the details, conditions and recent events of objects',
  usage: 'describe KIND [NAME...] | KIND/NAME... [flags]',
  help: `Examples:
  knot describe ksvc hello
  knot describe rev hello-00001
  knot describe pods -l serving.knative.dev/service=hello`,
  flags,
  async run(ctx) {
    const targets = parseTargets(ctx.args.positionals);
    const selector = stringFlag(ctx.args, 'selector');
    const session = await ctx.session();
    let failed = false;
    let first = true;
    for (const { rt, names } of targets) {
      const ns = rt.namespaced ? session.namespace : undefined;
      let objects: KubeObject[] = [];
      if (names.length === 0) {
        objects = (await session.client.list(rt, ns, selector ? { labelSelector: selector } : {})).items.sort(byNamespaceAndName);
      } else {
        for (const name of names) {
          try {
            objects.push(await session.client.get(rt, ns, name));
          } catch (err) {
            failed = true;
            formatError(err).lines.forEach((l) => ctx.err(l));
          }
        }
      }
      for (const obj of objects) {
        if (!first) ctx.out();
        first = false;
        (await describeLines(session, rt, obj, ctx.clock.now())).forEach((l) => ctx.out(l));
      }
    }
    return failed ? ExitCode.Failed : ExitCode.Ok;
  },
};

export async function describeLines(session: Session, rt: ResourceType, obj: KubeObject, now: number): Promise<string[]> {
  const key = resourceKey(rt);
  const ns = obj.metadata?.namespace;
  let body: string[];
  if (key === resourceKey(serving.services)) {
    const svc = obj as Service;
    body = [...fields(serviceFields(svc, now)), '', 'Revisions:', ...(await trafficLines(session.client, ns, svc.status?.traffic ?? [], now))];
  } else if (key === resourceKey(serving.revisions)) {
    body = fields(revisionFields(obj as Revision, now));
  } else if (key === resourceKey(serving.routes)) {
    const route = obj as Route;
    body = [...fields(routeFields(route, now)), '', 'Traffic Targets:', ...(await trafficLines(session.client, ns, route.status?.traffic ?? [], now))];
  } else {
    const { apiVersion: _v, kind: _k, metadata: _m, status, ...content } = obj as KubeObject & { status?: unknown } & Record<string, unknown>;
    body = [...fields([...metadataFields(obj, now), ['API Version', apiVersionOf(rt)], ['Kind', rt.kind]])];
    for (const [k, v] of Object.entries(content)) body.push(...yamlSection(k[0]?.toUpperCase() + k.slice(1), v));
    const { conditions: _c, ...restOfStatus } = (status ?? {}) as Record<string, unknown>;
    if (Object.keys(restOfStatus).length > 0) body.push(...yamlSection('Status', restOfStatus));
  }
  return [...body, '', ...conditionLines(obj, now), '', ...(await eventLines(session.client, rt, obj, now))];
}
