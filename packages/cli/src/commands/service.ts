// knot service: kn's service commands over Knative Services.
import { serving, type KubeObject, type ResourceType, type Service } from '@knot/api';
import { boolFlag, stringFlag } from '../args/flags.js';
import { ExitCode, UsageError } from '../errors.js';
import { age } from '../output/age.js';
import { conditionSummary, readyConditionOf } from '../output/conditions.js';
import type { KindTable } from '../output/kind-tables.js';
import { formatObjects, parseOutputFormat } from '../output/print-objects.js';
import type { Command, CommandContext } from './command.js';
import { describeLines } from './describe.js';
import { byNamespaceAndName, OUTPUT_FLAG } from './get.js';
import { serviceCreateCommand, serviceUpdateCommand } from './service-write.js';

/** kn's service list columns. */
const serviceTable: KindTable = {
  headers: ['Name', 'URL', 'Latest', 'Age', 'Conditions', 'Ready', 'Reason'],
  row(obj, ctx) {
    const svc = obj as Service;
    const ready = readyConditionOf(svc);
    return [svc.metadata?.name ?? '', svc.status?.url ?? '', svc.status?.latestCreatedRevisionName ?? '', age(svc.metadata?.creationTimestamp, ctx.now), conditionSummary(svc), ready?.status ?? '', ready?.reason ?? ''];
  },
};

/** `list [NAME]` for a kind with kn's columns; shared by service, revision, route and domain. */
export async function listKind(ctx: CommandContext, what: ResourceType, table: KindTable, opts: { noun: string; selector?: string; filter?: (o: KubeObject) => boolean; sort?: (a: KubeObject, b: KubeObject) => number; extraContext?: object }): Promise<number> {
  const format = parseOutputFormat(stringFlag(ctx.args, 'output'));
  const all = boolFlag(ctx.args, 'all-namespaces') ?? false;
  const [name, ...extra] = ctx.args.positionals;
  if (extra.length > 0) throw new UsageError('EXTRA_ARGUMENT', `unexpected arguments: ${extra.join(' ')}`);
  const session = await ctx.session();
  const ns = all ? undefined : session.namespace;
  const list = await session.client.list(what, ns, opts.selector ? { labelSelector: opts.selector } : {});
  const items = list.items.filter((o) => (name === undefined || o.metadata?.name === name) && (opts.filter?.(o) ?? true));
  const order = opts.sort;
  items.sort(order ? (a, b) => (a.metadata?.namespace ?? '').localeCompare(b.metadata?.namespace ?? '') || order(a, b) : byNamespaceAndName);
  if (items.length === 0 && format !== 'json' && format !== 'yaml') {
    ctx.out(`No ${opts.noun} found${all ? '' : ` in namespace '${session.namespace}'`}.`);
    return ExitCode.Ok;
  }
  formatObjects(what, items, { format, single: false, withNamespace: all, table, context: { now: ctx.clock.now(), ...opts.extraContext } }).forEach((l) => ctx.out(l));
  return ExitCode.Ok;
}

export const LIST_FLAGS = { ...OUTPUT_FLAG, 'all-namespaces': { type: 'boolean', short: 'A', description: 'list across all namespaces' } } as const;

/** `list [NAME]` for one kind with kn's columns. */
export function listCommand(kind: ResourceType, noun: string, table: KindTable): Command {
  return {
    name: 'list',
    aliases: ['ls'],
    summary: `list ${noun}s`,
    usage: `${noun.split(' ')[0] ?? noun} list [NAME] [flags]`,
    flags: LIST_FLAGS,
    run: (ctx) => listKind(ctx, kind, table, { noun: `${noun}s` }),
  };
}

/** `describe NAME` for one kind. */
export function describeOne(kind: ResourceType, noun: string): Command {
  return {
    name: 'describe',
    summary: `show a ${noun}'s details, conditions and events`,
    usage: `${noun} describe NAME [flags]`,
    flags: OUTPUT_FLAG,
    async run(ctx) {
      const [name, ...extra] = ctx.args.positionals;
      if (!name) throw new UsageError('MISSING_ARGUMENT', `missing the ${noun} name`);
      if (extra.length > 0) throw new UsageError('EXTRA_ARGUMENT', `unexpected arguments: ${extra.join(' ')}`);
      const format = parseOutputFormat(stringFlag(ctx.args, 'output'));
      const session = await ctx.session();
      const obj = await session.client.get(kind, session.namespace, name);
      const lines = format === 'table' || format === 'wide' ? await describeLines(session, kind, obj, ctx.clock.now()) : formatObjects(kind, [obj], { format, single: true, withNamespace: false, context: { now: ctx.clock.now() } });
      lines.forEach((l) => ctx.out(l));
      return ExitCode.Ok;
    },
  };
}

/** `delete NAME...` for one kind, with kn's messages. */
export function deleteNamed(kind: ResourceType, noun: string, label: string): Command {
  return {
    name: 'delete',
    summary: `delete ${noun}s`,
    usage: `${noun} delete NAME... [flags]`,
    async run(ctx) {
      if (ctx.args.positionals.length === 0) throw new UsageError('MISSING_ARGUMENT', `missing the ${noun} name`);
      const session = await ctx.session();
      for (const name of ctx.args.positionals) {
        await session.client.delete(kind, session.namespace, name);
        ctx.out(`${label} '${name}' successfully deleted in namespace '${session.namespace}'.`);
      }
      return ExitCode.Ok;
    },
  };
}

export const serviceCommand: Command = {
  name: 'service',
  aliases: ['services', 'ksvc'],
  summary: 'create, update, list, describe and delete Knative Services (as kn does)',
  subcommands: [
    serviceCreateCommand,
    serviceUpdateCommand,
    listCommand(serving.services, 'service', serviceTable),
    describeOne(serving.services, 'service'),
    deleteNamed(serving.services, 'service', 'Service'),
  ],
};
