/** probeVideo: size, frame rate, frame count, duration and codec of a video or image file, via ffprobe. */
import { z } from 'zod';
import { FFPROBE_PATH, assertReadableFile, runToCompletion } from './ffmpeg-process.js';
import { MediaError } from './media-error.js';

/** What {@link probeVideo} reports about the first video stream of a file. */
export interface VideoInfo {
  /** Width in pixels of decoded frames (after the container's display rotation, as ffmpeg applies it). */
  readonly width: number;
  /** Height in pixels of decoded frames. */
  readonly height: number;
  /** Average frames per second (`avg_frame_rate`, else `r_frame_rate`): matches frameCount / durationS for variable-rate clips. */
  readonly fps: number;
  /** The stream's nominal/base frame rate (`r_frame_rate`), which can be higher than `fps` for variable-rate clips. */
  readonly nominalFps: number;
  /** Number of frames; counted by demuxing when the container does not state it. */
  readonly frameCount: number;
  /** Stream duration in seconds (container duration when the stream has none); 0 for a still image without timing. */
  readonly durationS: number;
  /** ffprobe's codec name, e.g. 'h264', 'png', 'mjpeg'. */
  readonly codec: string;
}

// ffprobe prints numbers as strings and omits fields it does not know; everything optional, checked below.
const numberLike = z.union([z.string(), z.number()]).optional();
const probeSchema = z.object({
  streams: z
    .array(
      z.object({
        codec_name: z.string().optional(),
        width: z.number().optional(),
        height: z.number().optional(),
        r_frame_rate: z.string().optional(),
        avg_frame_rate: z.string().optional(),
        nb_frames: numberLike,
        nb_read_packets: numberLike,
        duration: numberLike,
        tags: z.record(z.string(), z.string()).optional(),
        side_data_list: z.array(z.object({ rotation: z.number().optional() }).loose()).optional(),
      }),
    )
    .optional(),
  format: z.object({ duration: numberLike, format_name: z.string().optional() }).optional(),
});

const STREAM_ENTRIES = 'stream=codec_name,width,height,r_frame_rate,avg_frame_rate,nb_frames,duration';

/**
 * Reads the first video stream's properties with ffprobe.
 * @throws MediaError `MEDIA_NOT_FOUND` (no such file), `MEDIA_UNREADABLE` (not parseable media, e.g. empty or text),
 *   `MEDIA_NO_VIDEO` (no video/image stream), `MEDIA_FFMPEG_MISSING` (ffprobe not installed).
 */
export async function probeVideo(path: string): Promise<VideoInfo> {
  await assertReadableFile(path);
  const what = `probing ${path}`;
  const json = await runToCompletion(
    FFPROBE_PATH,
    [
      '-v', 'error',
      '-select_streams', 'v:0',
      '-show_entries', `${STREAM_ENTRIES}:stream_tags=rotate:stream_side_data=rotation:format=duration,format_name`,
      '-of', 'json',
      path,
    ],
    what,
  );
  const parsed = parseProbe(json, what);
  const stream = parsed.streams?.[0];
  if (!stream) throw new MediaError('MEDIA_NO_VIDEO', `${path} has no video stream`);
  const storedWidth = stream.width ?? 0;
  const storedHeight = stream.height ?? 0;
  if (!(storedWidth > 0 && storedHeight > 0)) {
    throw new MediaError('MEDIA_UNREADABLE', `${path}: video stream has no valid size (${storedWidth}x${storedHeight})`);
  }
  // ffmpeg auto-rotates on decode, so a quarter-turn display matrix swaps the decoded frame's axes.
  const quarterTurn = Math.abs(Math.round(rotationDeg(stream) / 90)) % 2 === 1;
  const nominalFps = parseRate(stream.r_frame_rate);
  const avgFps = parseRate(stream.avg_frame_rate);
  const fps = avgFps > 0 ? avgFps : nominalFps;
  let durationS = parseNumber(stream.duration);
  if (!(durationS > 0)) durationS = parseNumber(parsed.format?.duration);
  let frameCount = Math.round(parseNumber(stream.nb_frames));
  if (!(frameCount > 0)) frameCount = await countPackets(path, what);
  return {
    width: quarterTurn ? storedHeight : storedWidth,
    height: quarterTurn ? storedWidth : storedHeight,
    fps,
    nominalFps,
    frameCount,
    durationS: durationS > 0 ? durationS : 0,
    codec: stream.codec_name ?? 'unknown',
  };
}

/** Containers like mkv/webm (and image files) do not store a frame count, so demux and count packets. */
async function countPackets(path: string, what: string): Promise<number> {
  const json = await runToCompletion(
    FFPROBE_PATH,
    ['-v', 'error', '-select_streams', 'v:0', '-count_packets', '-show_entries', 'stream=nb_read_packets', '-of', 'json', path],
    what,
  );
  const count = Math.round(parseNumber(parseProbe(json, what).streams?.[0]?.nb_read_packets));
  if (!(count > 0)) throw new MediaError('MEDIA_UNREADABLE', `${path}: video stream has no frames`);
  return count;
}

function parseProbe(json: string, what: string): z.infer<typeof probeSchema> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new MediaError('MEDIA_UNREADABLE', `${what}: ffprobe printed invalid JSON`, { cause: err });
  }
  const result = probeSchema.safeParse(raw);
  if (!result.success) throw new MediaError('MEDIA_UNREADABLE', `${what}: unexpected ffprobe output: ${result.error.message}`);
  return result.data;
}

function rotationDeg(stream: { tags?: Record<string, string>; side_data_list?: { rotation?: number }[] }): number {
  const fromSideData = stream.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation;
  if (fromSideData !== undefined) return fromSideData;
  const fromTag = Number(stream.tags?.rotate);
  return Number.isFinite(fromTag) ? fromTag : 0;
}

/** Parses ffprobe's "num/den" rates; "0/0" and garbage give 0. */
function parseRate(rate: string | undefined): number {
  if (!rate) return 0;
  const [num, den] = rate.split('/').map(Number);
  const value = den === undefined ? num : num / den;
  return Number.isFinite(value) && value > 0 ? value : 0;
}

function parseNumber(value: string | number | undefined): number {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : 0;
}
