/** The kind and spec of the concrete channel a Channel, Sequence or Parallel creates. */
export interface ChannelTemplateSpec {
  apiVersion?: string;
  kind?: string;
  /** Passed through to the concrete channel's spec. */
  spec?: Record<string, unknown>;
}
