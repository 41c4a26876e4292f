// --wait for commands: progress on stderr while an object becomes Ready, and a
// CommandError naming the failing or still-pending condition when it does not.
import type { KubeObject, ResourceType } from '@knot/api';
import { isTty } from '../cli-io.js';
import type { CommandContext, Session } from '../commands/command.js';
import { CommandError } from '../errors.js';
import { kindLabel } from '../kube/kinds.js';
import { Progress } from './progress.js';
import { describeCondition, waitForReady } from './wait-ready.js';

export async function awaitReady<T extends KubeObject>(ctx: CommandContext, session: Session, rt: ResourceType<T>, name: string, timeoutSeconds: number): Promise<T> {
  const what = `${kindLabel(rt)}/${name}`;
  const progress = new Progress(ctx.io.stderr, ctx.clock, isTty(ctx.io.stderr));
  progress.update(`waiting for ${what} to become ready`);
  const outcome = await waitForReady(session.client, rt, session.namespace, name, {
    timeoutMs: timeoutSeconds * 1000,
    clock: ctx.clock,
    signal: ctx.signal,
    onPending: (c) => progress.update(c ? describeCondition(c) : `waiting for ${what} to report its status`),
  });
  switch (outcome.kind) {
    case 'ready':
      progress.stop('Ready.');
      return outcome.object;
    case 'failed':
      progress.stop();
      throw new CommandError('NOT_READY', describeCondition(outcome.condition));
    case 'timeout': {
      progress.stop();
      const pending = outcome.pending
        ? `${outcome.pending.type} is still ${outcome.pending.status}${outcome.pending.reason || outcome.pending.message ? ` (${describeCondition(outcome.pending)})` : ''}`
        : outcome.object ? 'it reports no conditions yet' : 'it does not exist';
      throw new CommandError('WAIT_TIMEOUT', `timed out after ${timeoutSeconds}s waiting for ${what} to become ready: ${pending}`);
    }
    case 'deleted':
      progress.stop();
      throw new CommandError('NOT_READY', `${what} was deleted while waiting for it to become ready`);
    case 'interrupted':
      progress.stop();
      throw new CommandError('INTERRUPTED', `interrupted while waiting for ${what}`);
    case 'error':
      progress.stop();
      throw outcome.error;
  }
}
