import fc from 'fast-check';
import { decodeConversationId, encodeConversationId } from '../../adapters/teams/conversation-id.js';

describe('Teams opaque conversation ids', () => {
  it('round-trips tenant and conversation ids, including Teams ids full of colons and semicolons', () => {
    const tenant = fc.oneof(fc.uuid(), fc.constant(''));
    const teamsId = fc.oneof(
      fc.string({ minLength: 1 }),
      fc.constantFrom('a:1Xy-abc_DEF', '19:abc123@thread.tacv2;messageid=1700000000000', '29:1a2b:3c', 'a:'),
    );
    fc.assert(
      fc.property(tenant, teamsId, (tenantId, conversationId) => {
        const opaque = encodeConversationId(tenantId, conversationId);
        expect(opaque.startsWith('teams:')).toBe(true);
        expect(decodeConversationId(opaque)).toEqual({ tenantId, conversationId });
      }),
    );
  });

  it('round-trips a tenant id that is not a GUID (colons, percent signs) instead of refusing it', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ minLength: 1 }), fc.constantFrom('a:b', '%3A', 'no-tenant', 'no-tenant:x', '100%')), (tenantId) => {
        expect(decodeConversationId(encodeConversationId(tenantId, 'a:1Xy'))).toEqual({ tenantId, conversationId: 'a:1Xy' });
      }),
    );
  });

  it('keeps a GUID tenant as it is in the id (ids stored before the encoding still decode)', () => {
    expect(encodeConversationId('72f988bf-86f1-41af-91ab-2d7cd011db47', 'a:1')).toBe('teams:72f988bf-86f1-41af-91ab-2d7cd011db47:a:1');
  });

  it('does not decode ids of other platforms', () => {
    expect(decodeConversationId('slack:T01:D01')).toBeUndefined();
    expect(decodeConversationId('teams:only-tenant')).toBeUndefined();
  });
});
