/** The rate-quality report's wire model: RTP packetization of classical frames, data-channel costs of facecodec's. */
import { dataChannelWireKbps, rtpWireKbps, DATA_CHANNEL_FIXED_KBPS } from '../../bench/rate-quality/wire-model.js';

test('classical frames pay 56 B of RTP/SRTP/UDP/IPv4 per 1200 B of payload started', () => {
  // 25 fps: 100 B frames take one packet each, 1201 B frames two.
  expect(rtpWireKbps([100, 100], 25)).toBeCloseTo(((100 + 56) * 8 * 25) / 1000, 9);
  expect(rtpWireKbps([1201], 25)).toBeCloseTo(((1201 + 2 * 56) * 8 * 25) / 1000, 9);
  expect(rtpWireKbps([], 25)).toBe(0);
});

test('facecodec on the data channel: headers per message, framing per bundled frame, a SACK per 4 messages or 500 ms', () => {
  // 3 frames a message at 25 Hz: 8.33 messages and 2.08 SACKs a second.
  const three = dataChannelWireKbps(4, { framesPerMessage: 3, packetRateHz: 25 });
  expect(three).toBeCloseTo(4 + 0.4 + (25 / 3) * 0.744 + (25 / 12) * 0.744 + DATA_CHANNEL_FIXED_KBPS, 6);
  // One frame a message: no framing, a SACK per 4 messages.
  expect(dataChannelWireKbps(4, { framesPerMessage: 1, packetRateHz: 25 })).toBeCloseTo(4 + 25 * 0.744 + 6.25 * 0.744 + DATA_CHANNEL_FIXED_KBPS, 6);
  // Messages 240 ms apart: the 500 ms timer fires after 3 of them.
  expect(dataChannelWireKbps(2, { framesPerMessage: 3, packetRateHz: 12.5 })).toBeCloseTo(2 + 0.2 + (12.5 / 3) * 0.744 * (4 / 3) + DATA_CHANNEL_FIXED_KBPS, 6);
});

test('under RFC 9260\'s own policy a SACK goes every second message, or each one when they are over 200 ms apart', () => {
  const rfc = { everyPackets: 2, delayMs: 200 };
  expect(dataChannelWireKbps(4, { framesPerMessage: 3, packetRateHz: 25, sctpAck: rfc })).toBeCloseTo(4 + 0.4 + (25 / 3) * 0.744 * 1.5 + DATA_CHANNEL_FIXED_KBPS, 6);
  expect(dataChannelWireKbps(2, { framesPerMessage: 3, packetRateHz: 12.5, sctpAck: rfc })).toBeCloseTo(2 + 0.2 + (12.5 / 3) * 0.744 * 2 + DATA_CHANNEL_FIXED_KBPS, 6);
});
