import type { ObjectReference } from 'kubernetes-types/core/v1.js';
import type { Condition } from '../duck/condition.js';

/** The state of a channel a flow created. */
export interface FlowChannelStatus {
  channel?: ObjectReference;
  /** The channel's Ready condition. */
  ready?: Condition;
}

/** The state of a subscription a flow created. */
export interface FlowSubscriptionStatus {
  subscription?: ObjectReference;
  /** The subscription's Ready condition. */
  ready?: Condition;
}
