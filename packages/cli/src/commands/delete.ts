// knot delete -f FILE | KIND NAME... | KIND/NAME...
import type { ResourceType } from '@knot/api';
import { isNotFound } from '@knot/runtime';
import { boolFlag, listFlag, type FlagSpecs } from '../args/flags.js';
import { ExitCode, UsageError } from '../errors.js';
import { kindLabel } from '../kube/kinds.js';
import { parseTargets } from '../kube/object-refs.js';
import { addressManifest } from '../manifests/manifest-objects.js';
import { readManifests } from '../manifests/read-manifests.js';
import { formatError } from '../output/format-error.js';
import { FILE_FLAGS } from './apply.js';
import type { Command, CommandContext, Session } from './command.js';

const flags: FlagSpecs = {
  ...FILE_FLAGS,
  'ignore-not-found': { type: 'boolean', description: 'a missing object is not an error' },
  all: { type: 'boolean', description: 'delete every object of the kind in the namespace' },
};

export const deleteCommand: Command = {
  name: 'delete',
  summary: 'delete objects named by files or by kind and name',
  usage: 'delete -f FILE|DIR|- | KIND NAME... | KIND/NAME... | KIND --all [flags]',
  help: `Examples:
  knot delete ksvc hello
  knot delete -f samples/hello/service.yaml
  knot delete rev --all -n team-a`,
  flags,
  async run(ctx) {
    const files = listFlag(ctx.args, 'filename');
    const ignoreNotFound = boolFlag(ctx.args, 'ignore-not-found') ?? false;
    const all = boolFlag(ctx.args, 'all') ?? false;
    if (files.length > 0 && ctx.args.positionals.length > 0) throw new UsageError('EXTRA_ARGUMENT', 'give either -f or KIND NAME, not both');
    const items: { rt: ResourceType; namespace: string | undefined; name: string }[] = [];
    if (files.length > 0) {
      const manifests = await readManifests(files, { cwd: ctx.io.cwd, stdin: ctx.io.stdin, recursive: boolFlag(ctx.args, 'recursive') ?? false });
      const session = await ctx.session();
      for (const m of manifests) {
        const target = addressManifest(m, session);
        items.push({ rt: target.rt, namespace: target.namespace, name: m.object.metadata.name });
      }
      return (await deleteAll(ctx, session, items, ignoreNotFound)) ? ExitCode.Ok : ExitCode.Failed;
    }
    const targets = parseTargets(ctx.args.positionals);
    const session = await ctx.session();
    for (const { rt, names } of targets) {
      if (names.length === 0 && !all) throw new UsageError('MISSING_ARGUMENT', `name the ${kindLabel(rt)} objects to delete, or pass --all`);
      const ns = rt.namespaced ? session.namespace : undefined;
      const chosen = names.length > 0 ? names : (await session.client.list(rt, ns)).items.map((o) => o.metadata?.name ?? '');
      items.push(...chosen.map((name) => ({ rt, namespace: ns, name })));
    }
    return (await deleteAll(ctx, session, items, ignoreNotFound)) ? ExitCode.Ok : ExitCode.Failed;
  },
};

async function deleteAll(ctx: CommandContext, session: Session, items: readonly { rt: ResourceType; namespace: string | undefined; name: string }[], ignoreNotFound: boolean): Promise<boolean> {
  let ok = true;
  for (const { rt, namespace, name } of items) {
    try {
      await session.client.delete(rt, namespace, name);
      ctx.out(`${kindLabel(rt)} ${JSON.stringify(name)} deleted`);
    } catch (err) {
      if (ignoreNotFound && isNotFound(err)) continue;
      ok = false;
      formatError(err).lines.forEach((l) => ctx.err(l));
    }
  }
  return ok;
}
