/** The rate-quality report's wire model: RTP packetization of classical frames, data-channel costs of facecodec's. */
import { dataChannelWireKbps, rtpWireKbps, DATA_CHANNEL_FIXED_KBPS } from '../../bench/rate-quality/wire-model.js';

test('classical frames pay 56 B of RTP/SRTP/UDP/IPv4 per 1200 B of payload started', () => {
  // 25 fps: 100 B frames take one packet each, 1201 B frames two.
  expect(rtpWireKbps([100, 100], 25)).toBeCloseTo(((100 + 56) * 8 * 25) / 1000, 9);
  expect(rtpWireKbps([1201], 25)).toBeCloseTo(((1201 + 2 * 56) * 8 * 25) / 1000, 9);
  expect(rtpWireKbps([], 25)).toBe(0);
});

test('facecodec on the data channel: headers per message, framing per bundled frame, a SACK per second message', () => {
  // 3 frames a message at 25 Hz: 8.33 messages and 4.17 SACKs a second.
  const three = dataChannelWireKbps(4, { framesPerMessage: 3, packetRateHz: 25 });
  expect(three).toBeCloseTo(4 + 0.4 + (25 / 3) * 0.744 + (25 / 6) * 0.744 + DATA_CHANNEL_FIXED_KBPS, 6);
  // One frame a message: no framing; 2 frames at 12.5 Hz: messages 160 ms apart still share SACKs.
  expect(dataChannelWireKbps(4, { framesPerMessage: 1, packetRateHz: 25 })).toBeCloseTo(4 + 25 * 0.744 + 12.5 * 0.744 + DATA_CHANNEL_FIXED_KBPS, 6);
  // Messages over 200 ms apart each draw their own SACK.
  expect(dataChannelWireKbps(2, { framesPerMessage: 3, packetRateHz: 12.5 })).toBeCloseTo(2 + 0.2 + (12.5 / 3) * 0.744 * 2 + DATA_CHANNEL_FIXED_KBPS, 6);
});
