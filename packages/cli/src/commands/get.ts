// knot get KIND [NAME...]: one object, or a table of many, in any -o format.
import { apiVersionOf, serving, type KubeObject, type ResourceType } from '@knot/api';
import { isNotFound } from '@knot/runtime';
import { boolFlag, stringFlag, type FlagSpecs } from '../args/flags.js';
import { ExitCode } from '../errors.js';
import { parseTargets } from '../kube/object-refs.js';
import { formatError } from '../output/format-error.js';
import { formatObjects, parseOutputFormat } from '../output/print-objects.js';
import { revisionTraffic } from '../serving/revision-traffic.js';
import type { Command, Session } from './command.js';

export const OUTPUT_FLAG: FlagSpecs = {
  output: { type: 'string', short: 'o', value: 'FORMAT', description: 'yaml, json, wide or name (default: a table)' },
};

const flags: FlagSpecs = {
  ...OUTPUT_FLAG,
  'all-namespaces': { type: 'boolean', short: 'A', description: 'list across all namespaces' },
  selector: { type: 'string', short: 'l', value: 'SELECTOR', description: 'label selector, e.g. app=hello,tier!=web' },
  'ignore-not-found': { type: 'boolean', description: 'a missing named object is not an error' },
};

export const getCommand: Command = {
  name: 'get',
  summary: 'show one or many objects of any kind',
  usage: 'get KIND[,KIND...] [NAME...] | KIND/NAME... [flags]',
  help: `Kinds are plurals, singulars, Kind names or short names (ksvc, rev, route, cfg, dm, pods, svc...),
optionally with their group: services.serving.knative.dev.

Examples:
  knot get ksvc
  knot get rev -l serving.knative.dev/service=hello
  knot get ksvc hello -o yaml
  knot get pods -A -o wide`,
  flags,
  async run(ctx) {
    const format = parseOutputFormat(stringFlag(ctx.args, 'output'));
    const allNamespaces = boolFlag(ctx.args, 'all-namespaces') ?? false;
    const ignoreNotFound = boolFlag(ctx.args, 'ignore-not-found') ?? false;
    const selector = stringFlag(ctx.args, 'selector');
    const targets = parseTargets(ctx.args.positionals);
    const session = await ctx.session();
    const now = ctx.clock.now();
    let failed = false;
    const structured = format === 'yaml' || format === 'json';
    const collected: { rt: ResourceType; objects: KubeObject[] }[] = [];
    for (const { rt, names } of targets) {
      const objects: KubeObject[] = [];
      if (names.length > 0) {
        for (const name of names) {
          try {
            objects.push(await session.client.get(rt, session.namespace, name));
          } catch (err) {
            if (ignoreNotFound && isNotFound(err)) continue;
            failed = true;
            ctx.err(formatError(err).lines.join('\n'));
          }
        }
      } else {
        const ns = allNamespaces || !rt.namespaced ? undefined : session.namespace;
        const list = await session.client.list(rt, ns, selector ? { labelSelector: selector } : {});
        objects.push(...list.items.sort(byNamespaceAndName));
      }
      collected.push({ rt, objects: objects.map((o) => ({ apiVersion: apiVersionOf(rt), kind: rt.kind, ...o })) });
    }
    const total = collected.reduce((n, c) => n + c.objects.length, 0);
    const single = targets.length === 1 && (targets[0]?.names.length ?? 0) === 1;
    if (total === 0 && !(structured && !single)) {
      if (!failed && !targets.some((t) => t.names.length > 0)) ctx.err(allNamespaces ? 'No resources found' : `No resources found in ${session.namespace} namespace.`);
      return failed ? ExitCode.Failed : ExitCode.Ok;
    }
    if (structured && collected.length > 1) {
      const lines = formatObjects(serving.services, collected.flatMap((c) => c.objects), { format, single: false, withNamespace: false, context: { now } });
      lines.forEach((l) => ctx.out(l));
      return failed ? ExitCode.Failed : ExitCode.Ok;
    }
    let first = true;
    for (const { rt, objects } of collected) {
      if (objects.length === 0 && !structured) continue;
      if (!first && !structured && format !== 'name') ctx.out();
      first = false;
      const context = { now, ...(rt === serving.revisions ? { revisionTraffic: await trafficOf(session, allNamespaces) } : {}) };
      formatObjects(rt, objects, { format, single, withNamespace: allNamespaces && rt.namespaced, context }).forEach((l) => ctx.out(l));
    }
    return failed ? ExitCode.Failed : ExitCode.Ok;
  },
};

export function byNamespaceAndName(a: KubeObject, b: KubeObject): number {
  const ns = (a.metadata?.namespace ?? '').localeCompare(b.metadata?.namespace ?? '');
  return ns !== 0 ? ns : (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '');
}

/** Revision traffic from the Services; a listing that fails leaves the column empty. */
export async function trafficOf(session: Session, allNamespaces: boolean): Promise<ReturnType<typeof revisionTraffic>> {
  try {
    const services = await session.client.list(serving.services, allNamespaces ? undefined : session.namespace);
    return revisionTraffic(services.items);
  } catch {
    return new Map();
  }
}
