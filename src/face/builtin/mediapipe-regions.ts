/** Named vertex loops of the MediaPipe 468-point topology that the renderer needs (mouth and eye openings). */

/**
 * The inner lip contour (the mouth opening's rim), in order: from the subject's right mouth corner (78) along the
 * lower lip to the left corner (308) and back along the upper lip. A hole of the mesh (checked by the build).
 */
export const INNER_MOUTH_LOOP: readonly number[] = [78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308, 415, 310, 311, 312, 13, 82, 81, 80, 191];

/** The subject's right eye opening (image left), from the outer corner (33) along the upper lid, back along the lower lid. */
export const RIGHT_EYE_LOOP: readonly number[] = [33, 246, 161, 160, 159, 158, 157, 173, 133, 155, 154, 153, 145, 144, 163, 7];

/** The subject's left eye opening (image right), from the outer corner (263) along the upper lid, back along the lower lid. */
export const LEFT_EYE_LOOP: readonly number[] = [263, 466, 388, 387, 386, 385, 384, 398, 362, 382, 381, 380, 374, 373, 390, 249];

/** Where each region's loop is, as exposed on the built-in model. */
export interface MediapipeRegions {
  innerMouthLoop: readonly number[];
  rightEyeLoop: readonly number[];
  leftEyeLoop: readonly number[];
  /** The outer boundary of the mesh (forehead - temple - jaw - chin), in order. */
  faceOvalLoop: readonly number[];
}
