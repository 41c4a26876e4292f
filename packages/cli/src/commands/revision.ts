// knot revision and knot route: kn's read commands over Revisions and Routes.
import { CONFIGURATION_GENERATION_LABEL_KEY, SERVICE_LABEL_KEY, serving, type KubeObject, type Route } from '@knot/api';
import { stringFlag } from '../args/flags.js';
import { readyConditionOf } from '../output/conditions.js';
import { revisionTable, type KindTable } from '../output/kind-tables.js';
import type { Command } from './command.js';
import { trafficOf } from './get.js';
import { deleteNamed, describeOne, LIST_FLAGS, listCommand, listKind } from './service.js';

export const revisionCommand: Command = {
  name: 'revision',
  aliases: ['revisions', 'rev'],
  summary: 'list, describe and delete Revisions (as kn does)',
  subcommands: [
    {
      name: 'list',
      aliases: ['ls'],
      summary: "list Revisions, newest first per service, with their traffic and tags",
      usage: 'revision list [NAME] [-s SERVICE] [flags]',
      flags: { ...LIST_FLAGS, service: { type: 'string', short: 's', value: 'SERVICE', description: "only this service's revisions" } },
      async run(ctx) {
        const service = stringFlag(ctx.args, 'service');
        const session = await ctx.session();
        const traffic = await trafficOf(session, ctx.args.flags['all-namespaces'] === true);
        return listKind(ctx, serving.revisions, revisionTable, {
          noun: 'revisions',
          sort: revisionOrder,
          ...(service ? { selector: `${SERVICE_LABEL_KEY}=${service}` } : {}),
          extraContext: { revisionTraffic: traffic },
        });
      },
    },
    describeOne(serving.revisions, 'revision'),
    deleteNamed(serving.revisions, 'revision', 'Revision'),
  ],
};

/** kn sorts revisions by service, then newest generation first. */
export function revisionOrder(a: KubeObject, b: KubeObject): number {
  const svc = (o: KubeObject) => o.metadata?.labels?.[SERVICE_LABEL_KEY] ?? '';
  const gen = (o: KubeObject) => Number(o.metadata?.labels?.[CONFIGURATION_GENERATION_LABEL_KEY] ?? 0);
  return svc(a).localeCompare(svc(b)) || gen(b) - gen(a);
}

/** kn's route list columns. */
const routeTable: KindTable = {
  headers: ['Name', 'URL', 'Ready'],
  row: (obj) => [obj.metadata?.name ?? '', (obj as Route).status?.url ?? '', readyConditionOf(obj)?.status ?? ''],
};

export const routeCommand: Command = {
  name: 'route',
  aliases: ['routes'],
  summary: 'list and describe Routes (as kn does)',
  subcommands: [
    listCommand(serving.routes, 'route', routeTable),
    describeOne(serving.routes, 'route'),
  ],
};
