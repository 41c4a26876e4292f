// knot logs POD | ksvc/NAME | rev/NAME: container logs through the API's
// pods/log subresource; a service or revision means every pod it has.
import { REVISION_LABEL_KEY, SERVICE_LABEL_KEY, CONFIGURATION_LABEL_KEY, core, resourceKey, serving } from '@knot/api';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { boolFlag, intFlag, stringFlag, type FlagSpecs } from '../args/flags.js';
import { CommandError, ExitCode, UsageError } from '../errors.js';
import { kindLabel, resolveKind } from '../kube/kinds.js';
import type { Command, CommandContext, Session } from './command.js';

/** The container knot's revision pods run the user's code in. */
export const USER_CONTAINER = 'user-container';

const flags: FlagSpecs = {
  container: { type: 'string', short: 'c', value: 'NAME', description: `container (default: the only one, else ${USER_CONTAINER})` },
  follow: { type: 'boolean', short: 'f', description: 'keep printing new lines until interrupted' },
  tail: { type: 'string', value: 'N', description: 'only the last N lines of each container' },
  prefix: { type: 'boolean', description: 'start each line with [pod/container] (the default for several pods)' },
};

const BY_LABEL: Readonly<Record<string, string>> = {
  [resourceKey(serving.services)]: SERVICE_LABEL_KEY,
  [resourceKey(serving.revisions)]: REVISION_LABEL_KEY,
  [resourceKey(serving.configurations)]: CONFIGURATION_LABEL_KEY,
};

export const logsCommand: Command = {
  name: 'logs',
  summary: "print a pod's, a revision's or a service's container logs",
  usage: 'logs POD | ksvc/NAME | rev/NAME [flags]',
  help: `Examples:
  knot logs ksvc/hello -f
  knot logs rev/hello-00002 --tail 20
  knot logs hello-00001-deployment-7d9f-x2x4z -c queue-proxy`,
  flags,
  async run(ctx) {
    const [target, ...extra] = ctx.args.positionals;
    if (!target) throw new UsageError('MISSING_ARGUMENT', 'missing the pod, ksvc/NAME or rev/NAME');
    if (extra.length > 0) throw new UsageError('EXTRA_ARGUMENT', `unexpected arguments: ${extra.join(' ')}`);
    const container = stringFlag(ctx.args, 'container');
    const tailLines = intFlag(ctx.args, 'tail', 0);
    const follow = boolFlag(ctx.args, 'follow') ?? false;
    const session = await ctx.session();
    const logs = session.logs;
    if (!logs) throw new CommandError('LOGS', 'this connection has no access to container logs');
    const pods = await podsOf(session, target);
    const prefix = (boolFlag(ctx.args, 'prefix') ?? false) || pods.length > 1;
    await Promise.all(
      pods.map((pod) => {
        const name = pod.metadata?.name ?? '';
        const chosen = container ?? defaultContainer(pod);
        const write = prefix ? linePrefixer(ctx, `[pod/${name}/${chosen}] `) : { data: (chunk: string) => void ctx.io.stdout.write(chunk), end: () => undefined };
        return logs
          .stream(session.namespace, name, { container: chosen, follow, ...(tailLines !== undefined ? { tailLines } : {}), signal: ctx.signal }, write.data)
          .finally(write.end);
      }),
    );
    return ExitCode.Ok;
  },
};

async function podsOf(session: Session, target: string): Promise<Pod[]> {
  const slash = target.indexOf('/');
  const rt = slash < 0 ? core.pods : resolveKind(target.slice(0, slash));
  const name = slash < 0 ? target : target.slice(slash + 1);
  if (!name) throw new UsageError('MISSING_ARGUMENT', `${JSON.stringify(target)}: missing the name after /`);
  if (rt === core.pods) return [await session.client.get(core.pods, session.namespace, name)];
  const label = BY_LABEL[resourceKey(rt)];
  if (!label) throw new UsageError('BAD_FLAG', `logs of a ${kindLabel(rt)}: give a pod, ksvc/NAME or rev/NAME`);
  await session.client.get(rt, session.namespace, name);
  const pods = (await session.client.list(core.pods, session.namespace, { labelSelector: `${label}=${name}` })).items;
  if (pods.length === 0) throw new CommandError('LOGS', `${kindLabel(rt)}/${name} has no pods; it may be scaled to zero (send it a request, or set --scale-min 1)`);
  return pods.sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
}

function defaultContainer(pod: Pod): string {
  const containers = pod.spec?.containers ?? [];
  const only = containers.length === 1 ? containers[0]?.name : undefined;
  const annotated = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  return only ?? annotated ?? USER_CONTAINER;
}

/** Splits chunks into whole lines, each written with the prefix. */
function linePrefixer(ctx: CommandContext, prefix: string): { data: (chunk: string) => void; end: () => void } {
  let partial = '';
  return {
    data(chunk) {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) ctx.io.stdout.write(`${prefix}${line}\n`);
    },
    end() {
      if (partial) ctx.io.stdout.write(`${prefix}${partial}\n`);
      partial = '';
    },
  };
}
