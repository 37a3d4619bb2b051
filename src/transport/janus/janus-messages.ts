/** Schemas of what Janus sends over its WebSockets API: everything from the server is parsed with these before use. */
import { z } from 'zod';

/** Janus's session, handle and participant ids: integers that Janus keeps within JavaScript's safe range. */
const janusId = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const jsepSchema = z.object({ type: z.enum(['offer', 'answer']), sdp: z.string().min(1).max(256 * 1024) });

const errorSchema = z.object({ code: z.number().int(), reason: z.string().max(4096) });

/** The plugin's part of a reply or event: `{ plugin, data }` with the VideoRoom's fields in `data`. */
const pluginDataSchema = z.object({ plugin: z.string().max(128), data: z.record(z.string(), z.unknown()) });

/** Any message from Janus; the `janus` field says which. */
export const janusMessageSchema = z.object({
  janus: z.string().min(1).max(64),
  transaction: z.string().max(128).optional(),
  session_id: janusId.optional(),
  sender: janusId.optional(),
  data: z.object({ id: janusId }).loose().optional(),
  error: errorSchema.optional(),
  plugindata: pluginDataSchema.optional(),
  jsep: jsepSchema.optional(),
  reason: z.string().max(4096).optional(),
}).loose();
export type JanusMessage = z.infer<typeof janusMessageSchema>;

const publisherSchema = z.object({ id: janusId, display: z.string().max(512).optional() }).loose();

/** The VideoRoom's `data` in the events this client reads. */
export const videoRoomDataSchema = z
  .object({
    videoroom: z.string().max(64),
    room: z.union([janusId, z.string().max(256)]).optional(),
    id: janusId.optional(),
    publishers: z.array(publisherSchema).max(1024).optional(),
    leaving: z.union([janusId, z.literal('ok')]).optional(),
    unpublished: z.union([janusId, z.literal('ok')]).optional(),
    kicked: janusId.optional(),
    error_code: z.number().int().optional(),
    error: z.string().max(4096).optional(),
    configured: z.string().max(32).optional(),
    started: z.string().max(32).optional(),
    permanent: z.boolean().optional(),
    exists: z.boolean().optional(),
  })
  .loose();
export type VideoRoomData = z.infer<typeof videoRoomDataSchema>;
export type JanusJsep = z.infer<typeof jsepSchema>;
