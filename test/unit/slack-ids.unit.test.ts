import fc from 'fast-check';
import { decodeConversationId, decodeMessageId, encodeConversationId, encodeMessageId } from '../../adapters/slack/ids.js';

const slackId = fc.stringMatching(/^[A-Z][A-Z0-9]{2,11}$/);
const ts = fc
  .tuple(fc.integer({ min: 1_000_000_000, max: 2_000_000_000 }), fc.integer({ min: 0, max: 999_999 }))
  .map(([s, us]) => `${s}.${String(us).padStart(6, '0')}`);

describe('Slack opaque ids', () => {
  it('round-trips conversation ids', () => {
    fc.assert(
      fc.property(slackId, slackId, (teamId, channelId) => {
        expect(decodeConversationId(encodeConversationId({ teamId, channelId }))).toEqual({ teamId, channelId });
      }),
    );
  });

  it('round-trips message ids', () => {
    fc.assert(
      fc.property(slackId, slackId, ts, (teamId, channelId, messageTs) => {
        const ref = { teamId, channelId, ts: messageTs };
        expect(decodeMessageId(encodeMessageId(ref))).toEqual(ref);
      }),
    );
  });

  it('has the documented shape', () => {
    expect(encodeConversationId({ teamId: 'T01', channelId: 'D01' })).toBe('slack:T01:D01');
    expect(encodeMessageId({ teamId: 'T01', channelId: 'D01', ts: '1700000000.000100' })).toBe('slack:T01:D01:1700000000.000100');
  });

  it.each(['teams:T01:D01', 'slack:T01', 'slack:T01:D01:extra', 'slack::D01', 'web:web:mei'])(
    'does not decode %s as a conversation',
    (id) => {
      expect(decodeConversationId(id)).toBeUndefined();
    },
  );

  it.each(['slack:T01:D01', 'slack:T01:D01:notats', 'teams:T01:D01:1.2'])('does not decode %s as a message', (id) => {
    expect(decodeMessageId(id)).toBeUndefined();
  });

  it('refuses to encode ids that would not decode', () => {
    expect(() => encodeConversationId({ teamId: 'T:1', channelId: 'D01' })).toThrow(/team id/);
    expect(() => encodeMessageId({ teamId: 'T1', channelId: 'D01', ts: 'x' })).toThrow(/ts/);
  });
});
