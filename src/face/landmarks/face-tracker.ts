/** FaceTracker: per-video-stream face tracking that runs the detector only when the mesh loses the face. */
import { z } from 'zod';
import type { RgbImage } from '../../media/rgb-image.js';
import { CropSmoother, DEFAULT_CROP_SMOOTHER } from './crop-smoother.js';
import { roiAroundPoints, type FaceRoi } from './face-roi.js';
import { assertRgbImage, roiFromBox, roiFromMesh, type FaceLandmarker } from './face-landmarker.js';
import { MESH_POINT_COUNT } from './face-mesh-network.js';
import type { CropRect, FaceBox, FaceMesh } from './face-types.js';
import { LandmarksError } from './landmarks-error.js';
import { ImagePyramid } from './roi-sampler.js';

/** Mesh points on the sides of the face at cheekbone height (subject's right, left). */
const CHEEK_RIGHT = 234;
const CHEEK_LEFT = 454;
/** Forehead-to-chin extent of the mesh relative to its cheek-to-cheek width, on an average face. */
const FACE_HEIGHT_PER_WIDTH = 1.25;

/** Outcome of one frame. */
export type TrackStatus = 'ok' | 'no-face' | 'multiple-faces' | 'too-small';

/** An axis-aligned rectangle in image pixels. */
export interface FaceRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What {@link FaceTracker.track} returns for one frame. */
export interface TrackResult {
  /**
   * 'ok': one face, mesh valid. 'multiple-faces': the last detection saw more than one face; the mesh is the largest
   * one's. 'too-small': the face is smaller than `minFacePx`; the mesh is returned but is unreliable. 'no-face': none.
   */
  readonly status: TrackStatus;
  /** Present unless status is 'no-face'. */
  readonly mesh?: FaceMesh;
  /** Bounding box of the mesh points; null when there is no face. */
  readonly box: FaceRect | null;
  /** The smoothed square the codec should encode; the last one is held while the face is missing (null before any face). */
  readonly cropRect: CropRect | null;
  /** Whether the detector ran on this frame. */
  readonly detected: boolean;
}

const trackerOptionsSchema = z.object({
  fps: z.number().positive().max(1000).optional(),
  minMeshConfidence: z.number().min(0).max(1).optional(),
  minDetectionScore: z.number().min(0).max(1).optional(),
  minFacePx: z.number().min(0).optional(),
  redetectIntervalFrames: z.number().int().min(0).optional(),
  cropScale: z.number().min(1).max(10).optional(),
  cropShiftY: z.number().min(-1).max(1).optional(),
  clampCropToImage: z.boolean().optional(),
});

/** Options of {@link FaceTracker}. */
export interface FaceTrackerOptions {
  /** Frame rate used to time the crop smoothing when `track` gets no timestamp; default 25. */
  readonly fps?: number;
  /** Below this mesh confidence the face counts as lost and the detector runs; default 0.5. */
  readonly minMeshConfidence?: number;
  /** Detector score threshold; default 0.5. */
  readonly minDetectionScore?: number;
  /** Faces whose mesh is smaller than this (pixels, longer side of the point cloud) give 'too-small'; default 64. */
  readonly minFacePx?: number;
  /** Run the detector at least this often even while tracking, to notice a second face (0 = never); default 125. */
  readonly redetectIntervalFrames?: number;
  /** Crop side as a multiple of the face size (1.25x the cheek-to-cheek width, ~forehead-to-chin); default 1.7. */
  readonly cropScale?: number;
  /** Crop centre shift from the cheekbone midpoint along the face's vertical axis, in face sizes, negative = up; default 0.05. */
  readonly cropShiftY?: number;
  /** Shrink/shift the crop to stay inside the frame; default true. */
  readonly clampCropToImage?: boolean;
}

/** Tracks the main face of one video stream. Not safe to call `track` concurrently; await each frame. */
export class FaceTracker {
  private roi: FaceRoi | null = null;
  private facesAtLastDetection = 0;
  private framesSinceDetection = 0;
  private frameIndex = 0;
  private detections = 0;
  private lastCrop: CropRect | null = null;
  private closed = false;
  private readonly smoother = new CropSmoother(DEFAULT_CROP_SMOOTHER);
  private readonly opts: Required<FaceTrackerOptions>;

  /** @param landmarker shared; the tracker does not close it. */
  constructor(
    private readonly landmarker: FaceLandmarker,
    opts: FaceTrackerOptions = {},
  ) {
    const parsed = trackerOptionsSchema.safeParse(opts);
    if (!parsed.success) throw new LandmarksError('LANDMARKS_BAD_ARGUMENT', `invalid FaceTracker options: ${parsed.error.message}`);
    this.opts = {
      fps: opts.fps ?? 25,
      minMeshConfidence: opts.minMeshConfidence ?? 0.5,
      minDetectionScore: opts.minDetectionScore ?? 0.5,
      minFacePx: opts.minFacePx ?? 64,
      redetectIntervalFrames: opts.redetectIntervalFrames ?? 125,
      cropScale: opts.cropScale ?? 1.7,
      cropShiftY: opts.cropShiftY ?? 0.05,
      clampCropToImage: opts.clampCropToImage ?? true,
    };
  }

  /** How many times the detector has run. */
  get detectionCount(): number {
    return this.detections;
  }

  /**
   * Tracks the face in the next frame.
   * @param timestampS frame time in seconds (default: frame index / fps); only the crop smoothing uses it.
   */
  async track(img: RgbImage, timestampS?: number): Promise<TrackResult> {
    if (this.closed) throw new LandmarksError('LANDMARKS_CLOSED', 'FaceTracker was used after close()');
    assertRgbImage(img);
    if (timestampS !== undefined && !Number.isFinite(timestampS)) {
      throw new LandmarksError('LANDMARKS_BAD_ARGUMENT', `timestampS must be finite, got ${timestampS}`);
    }
    const timeS = timestampS ?? this.frameIndex / this.opts.fps;
    this.frameIndex++;
    const pyramid = new ImagePyramid(img);

    let mesh: FaceMesh | null = null;
    let detected = false;
    if (this.roi) {
      const m = await this.landmarker.meshIn(pyramid, this.roi);
      if (m.confidence >= this.opts.minMeshConfidence) mesh = m;
      this.framesSinceDetection++;
      const interval = this.opts.redetectIntervalFrames;
      if (mesh && interval > 0 && this.framesSinceDetection >= interval) {
        // Periodic check for other faces only; the tracked ROI is kept so the mesh does not jump.
        detected = true;
        this.facesAtLastDetection = (await this.detect(pyramid)).length;
      }
    }
    if (!mesh) {
      detected = true;
      const faces = await this.detect(pyramid);
      this.facesAtLastDetection = faces.length;
      if (faces.length > 0) {
        const first = await this.landmarker.meshIn(pyramid, roiFromBox(largest(faces)));
        if (first.confidence >= this.opts.minMeshConfidence) {
          // One more pass framed by the mesh itself: the detector box is only a rough framing.
          const refined = await this.landmarker.meshIn(pyramid, roiFromMesh(first.points));
          mesh = refined.confidence >= this.opts.minMeshConfidence ? refined : first;
        }
      }
    }
    if (!mesh) {
      this.roi = null;
      return { status: 'no-face', box: null, cropRect: this.lastCrop, detected };
    }

    this.roi = roiFromMesh(mesh.points);
    const faceRoi = roiAroundPoints(mesh.points, 3, MESH_POINT_COUNT, mesh.rollRad, 1);
    const box = boundingRect(mesh.points);
    this.lastCrop = this.cropFor(mesh, img, timeS);
    const status =
      faceRoi.sizePx < this.opts.minFacePx ? 'too-small' : this.facesAtLastDetection > 1 ? 'multiple-faces' : 'ok';
    return { status, mesh, box, cropRect: this.lastCrop, detected };
  }

  /** Forgets the tracked face and the crop history (e.g. after a scene cut). */
  reset(): void {
    this.roi = null;
    this.lastCrop = null;
    this.smoother.reset();
  }

  /** Ends the tracker; the shared landmarker stays open. */
  close(): void {
    this.closed = true;
    this.roi = null;
  }

  private async detect(pyramid: ImagePyramid): Promise<FaceBox[]> {
    this.detections++;
    this.framesSinceDetection = 0;
    return this.landmarker.detectIn(pyramid, { minScore: this.opts.minDetectionScore });
  }

  private cropFor(mesh: FaceMesh, img: RgbImage, timeS: number): CropRect {
    // Framed by rigid points only, so an opening jaw or raised brows do not resize or move the crop: the cheek sides
    // (234, 454) give a width that is also steady under yaw (z is in the same pixel scale), their midpoint the centre.
    const p = mesh.points;
    const widthPx = Math.hypot(p[3 * CHEEK_RIGHT] - p[3 * CHEEK_LEFT], p[3 * CHEEK_RIGHT + 1] - p[3 * CHEEK_LEFT + 1], p[3 * CHEEK_RIGHT + 2] - p[3 * CHEEK_LEFT + 2]);
    const faceSizePx = widthPx * FACE_HEIGHT_PER_WIDTH;
    const shift = this.opts.cropShiftY * faceSizePx;
    // along the face's own vertical axis, so a tilted head keeps its forehead in the crop
    const cx = (p[3 * CHEEK_RIGHT] + p[3 * CHEEK_LEFT]) / 2 - shift * Math.sin(mesh.rollRad);
    const cy = (p[3 * CHEEK_RIGHT + 1] + p[3 * CHEEK_LEFT + 1]) / 2 + shift * Math.cos(mesh.rollRad);
    const crop = this.smoother.update(cx, cy, faceSizePx * this.opts.cropScale, timeS);
    if (!this.opts.clampCropToImage) return crop;
    const size = Math.min(crop.size, img.width, img.height);
    const x = Math.min(Math.max(crop.x + (crop.size - size) / 2, 0), img.width - size);
    const y = Math.min(Math.max(crop.y + (crop.size - size) / 2, 0), img.height - size);
    return { x, y, size };
  }
}

function largest(faces: FaceBox[]): FaceBox {
  return faces.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
}

function boundingRect(points: Float32Array): FaceRect {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < points.length; i += 3) {
    const x = points[i];
    const y = points[i + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}
