/** The reasons a receiver puts in a `keyframe-request`, and what each asks the sender to do. */

/**
 * - `reference-lost`: a predicted frame's reference never arrived; an intra frame (coded against the keyframe the
 *   receiver holds) is enough.
 * - `keyframe-missing`: frames wait for a keyframe (or header/profile) that did not arrive in time.
 * - `reliable-discarded`: the transport discarded a reliable message (a keyframe, header or profile change was lost).
 * - `keyframe-invalid`: a keyframe arrived but could not be used.
 * - `reconnected`: the link was replaced after a failure; whatever was in flight on the old one is lost.
 */
export type KeyframeRequestReason = 'reference-lost' | 'keyframe-missing' | 'reliable-discarded' | 'keyframe-invalid' | 'reconnected';

/** What the sender does for a request: a new intra frame, or a new keyframe (with the stream header again). */
export type KeyframeRequestAction = 'intra' | 'keyframe';

/** The action for a reason; unknown reasons (other implementations) get a keyframe, the safe answer. */
export function keyframeRequestAction(reason: string): KeyframeRequestAction {
  return reason === 'reference-lost' ? 'intra' : 'keyframe';
}
