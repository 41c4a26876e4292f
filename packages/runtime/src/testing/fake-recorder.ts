import type { KubeObject } from '@knot/api';
import type { EventType } from '../reconciler/errors.js';
import type { EventRecorder } from '../reconciler/event-recorder.js';

/** Keeps events in memory as `Type Reason message` strings, the form table tests compare (client-go's FakeRecorder). */
export class FakeRecorder implements EventRecorder {
  readonly events: string[] = [];

  event(_obj: KubeObject, type: EventType, reason: string, message: string): void {
    this.events.push(`${type} ${reason} ${message}`);
  }
}
