// knot service create | update: kn's way of writing a Knative Service from flags.
import { serving, type Service } from '@knot/api';
import { isAlreadyExists, isConflict, isNotFound } from '@knot/runtime';
import { boolFlag, intFlag, stringFlag, type FlagSpecs } from '../args/flags.js';
import { CommandError, ExitCode, UsageError } from '../errors.js';
import { checkServiceFlags, editService, newService, SERVICE_FLAGS } from '../serving/service-flags.js';
import { awaitReady } from '../wait/await-ready.js';
import { DEFAULT_WAIT_SECONDS } from './apply.js';
import type { Command, CommandContext, Session } from './command.js';

export const KN_WAIT_FLAGS: FlagSpecs = {
  wait: { type: 'boolean', description: 'wait until the service is Ready (the default; --no-wait returns at once)' },
  'wait-timeout': { type: 'string', value: 'SECONDS', description: 'how long to wait (default 600)' },
};

const CONFLICT_RETRIES = 3;

export const serviceCreateCommand: Command = {
  name: 'create',
  summary: 'create a Knative Service from an image',
  usage: 'service create NAME --image IMAGE [flags]',
  help: `Examples:
  knot service create hello --image ghcr.io/knot/hello --env TARGET=knot
  knot service create api --image api:1 --port h2c:8080 --concurrency-limit 10 --scale-min 1 --no-wait
  knot service create hello --image hello:2 --force`,
  flags: { ...SERVICE_FLAGS, force: { type: 'boolean', description: 'replace the service if it exists' }, ...KN_WAIT_FLAGS },
  async run(ctx) {
    const name = serviceName(ctx);
    checkServiceFlags(ctx.args);
    const force = boolFlag(ctx.args, 'force') ?? false;
    const opts = waitOptions(ctx);
    if (!stringFlag(ctx.args, 'image')) throw new UsageError('MISSING_ARGUMENT', '--image is required');
    const session = await ctx.session();
    const desired = newService(name, session.namespace, ctx.args);
    let verb: 'created' | 'replaced' = 'created';
    try {
      await session.client.create(serving.services, desired);
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      if (!force) throw new CommandError('CONFLICT', `cannot create service '${name}' in namespace '${session.namespace}' because the service already exists and no --force option was given`);
      await writeWithRetry(session, name, (existing) => ({ ...desired, metadata: { ...existing.metadata, labels: desired.metadata?.labels, annotations: keepServerAnnotations(existing, desired) } }));
      verb = 'replaced';
    }
    return finish(ctx, session, name, verb, opts);
  },
};

export const serviceUpdateCommand: Command = {
  name: 'update',
  summary: 'change a Knative Service: image, env, scale, traffic...',
  usage: 'service update NAME [flags]',
  help: `Environment variables, annotations and labels are merged into the existing ones; KEY- removes one.

Examples:
  knot service update hello --env TARGET=world --env DEBUG-
  knot service update hello --tag hello-00001=stable --traffic stable=90 --traffic @latest=10`,
  flags: { ...SERVICE_FLAGS, ...KN_WAIT_FLAGS },
  async run(ctx) {
    const name = serviceName(ctx);
    checkServiceFlags(ctx.args);
    const opts = waitOptions(ctx);
    const session = await ctx.session();
    await writeWithRetry(session, name, (existing) => editService(existing, ctx.args));
    return finish(ctx, session, name, 'updated', opts);
  },
};

function serviceName(ctx: CommandContext): string {
  const [name, ...extra] = ctx.args.positionals;
  if (!name) throw new UsageError('MISSING_ARGUMENT', 'missing the service name');
  if (extra.length > 0) throw new UsageError('EXTRA_ARGUMENT', `unexpected arguments: ${extra.join(' ')}`);
  return name;
}

function waitOptions(ctx: CommandContext): { wait: boolean; timeout: number } {
  return { wait: boolFlag(ctx.args, 'wait') ?? true, timeout: intFlag(ctx.args, 'wait-timeout', 1) ?? DEFAULT_WAIT_SECONDS };
}

/** Reads the Service, edits it and writes it back, again on a write conflict. */
async function writeWithRetry(session: Session, name: string, edit: (existing: Service) => Service): Promise<Service> {
  for (let attempt = 1; ; attempt++) {
    let existing: Service;
    try {
      existing = await session.client.get(serving.services, session.namespace, name);
    } catch (err) {
      if (isNotFound(err)) throw new CommandError('NOT_FOUND', `service '${name}' not found in namespace '${session.namespace}'`);
      throw err;
    }
    try {
      const next = edit(existing);
      return await session.client.update(serving.services, { ...next, metadata: { ...next.metadata, resourceVersion: existing.metadata?.resourceVersion } });
    } catch (err) {
      if (!isConflict(err) || attempt >= CONFLICT_RETRIES) throw err;
    }
  }
}

function keepServerAnnotations(existing: Service, desired: Service): Record<string, string> | undefined {
  const kept = Object.entries(existing.metadata?.annotations ?? {}).filter(([k]) => k.startsWith('serving.knative.dev/'));
  const merged = { ...Object.fromEntries(kept), ...desired.metadata?.annotations };
  return Object.keys(merged).length > 0 ? merged : undefined;
}

async function finish(ctx: CommandContext, session: Session, name: string, verb: string, opts: { wait: boolean; timeout: number }): Promise<number> {
  if (!opts.wait) {
    ctx.out(`Service '${name}' ${verb} in namespace '${session.namespace}'.`);
    return ExitCode.Ok;
  }
  ctx.err(`${verb === 'updated' ? 'Updating' : verb === 'replaced' ? 'Replacing' : 'Creating'} service '${name}' in namespace '${session.namespace}':`);
  const ready = await awaitReady(ctx, session, serving.services, name, opts.timeout);
  ctx.out(`Service '${name}' ${verb} to latest revision '${ready.status?.latestReadyRevisionName ?? ''}' is available at URL:`);
  ctx.out(ready.status?.url ?? '');
  return ExitCode.Ok;
}
