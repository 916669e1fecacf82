import type { Actor } from '../../src/core/events.js';
import type { Reply } from '../../src/core/replies.js';
import {
  button,
  cast,
  createWorld,
  addReseller,
  formOf,
  openLink,
  readable,
  registerFabrikam,
  tokenIn,
  type World,
} from './partnership-fixtures.js';

/**
 * Who may press which button. Each row lists the people who are refused (with the message) and, last, the one
 * who may (whose press changes the state). A refused press never changes anything: the allowed press still works.
 */
const personas = {
  'provider admin': cast.pam,
  'reseller admin': cast.rita,
  'reseller non-admin': cast.sam,
  'other org’s admin': cast.otto,
  'customer admin': cast.wendy,
  stranger: cast.stranger,
};
type Who = keyof typeof personas;

const REFUSED = {
  partnership: 'Only an admin of the invited reseller organization can answer this invitation',
  provider: 'Only an admin of an indirect provider can do that',
  customer: 'Only the invited customer’s admin can answer this request',
  reseller: 'Only an admin of the reseller organization can end a customer relationship',
  notYours: 'That organization is not one of your customers',
};

const table: Array<{ button: string; allowed: Who; success: string; refused: Record<Who, string | undefined> }> = [
  {
    button: 'Authorize indirect provider',
    allowed: 'reseller admin',
    success: 'is now your indirect provider',
    refused: cells(REFUSED.partnership, 'reseller admin'),
  },
  // The reseller's admin may end it too (partnership-end.int.test.ts): only the provider admin's press is tried here.
  {
    button: 'Remove partnership',
    allowed: 'provider admin',
    success: 'has ended',
    refused: {
      ...cells(REFUSED.provider, 'provider admin'),
      'reseller admin': undefined,
      // A member of the partner reseller is told whom to ask.
      'reseller non-admin': 'Only an admin of Contoso Taiwan Co., Ltd. can do that. Ask one of its admins',
    },
  },
  {
    button: 'Decline (invitation)',
    allowed: 'reseller admin',
    success: 'You declined the invitation',
    refused: cells(REFUSED.partnership, 'reseller admin'),
  },
  { button: 'Approve', allowed: 'customer admin', success: 'Recorded: you approved', refused: cells(REFUSED.customer, 'customer admin') },
  {
    button: 'End the relationship',
    allowed: 'reseller admin',
    success: 'has ended',
    refused: { ...cells(REFUSED.reseller, 'reseller admin'), 'other org’s admin': REFUSED.notYours },
  },
  {
    button: 'Decline (request)',
    allowed: 'customer admin',
    success: 'You declined the request',
    refused: cells(REFUSED.customer, 'customer admin'),
  },
];

function cells(message: string, allowed: Who): Record<Who, string | undefined> {
  return Object.fromEntries(Object.keys(personas).map((who) => [who, who === allowed ? undefined : message])) as Record<
    Who,
    string | undefined
  >;
}

describe('who may press which button', () => {
  let world: World;
  const presses = new Map<string, (who: Actor) => Promise<Reply[]>>();
  beforeAll(async () => {
    world = await createWorld('pperm');
    await registerFabrikam(world);
    await addReseller(world, 'Contoso Taiwan Co., Ltd.', 'TW', [
      { actor: cast.rita, roles: ['global-admin'] },
      { actor: cast.sam, roles: ['sales-agent'] },
    ]);
    await addReseller(world, 'Adatum Systems', 'TW', [{ actor: cast.otto, roles: ['global-admin'] }]);
  });
  afterAll(async () => world.harness.close());

  /** Builds the subject of a row just before it runs (rows depend on the previous ones, in table order). */
  async function subject(row: string): Promise<(who: Actor) => Promise<Reply[]>> {
    switch (row) {
      case 'Authorize indirect provider':
      case 'Decline (invitation)': {
        await world.send(cast.pam, 'invite-reseller rita@contoso.com.tw');
        const mail = (await world.mailsTo('rita@contoso.com.tw')).at(-1)!;
        const page = (await openLink(world, cast.rita, tokenIn(mail.text))).replies;
        const form = formOf(page);
        return row === 'Authorize indirect provider'
          ? (who) => world.submit(who, form.formId, { consent: 'true' })
          : (who) => world.press(who, 'partnership.decline', button(page, 'partnership.decline').value);
      }
      case 'Remove partnership': {
        const warning = await world.send(cast.pam, 'remove-partnership Contoso');
        return (who) => world.press(who, 'partnership.remove', button(warning, 'partnership.remove').value);
      }
      case 'Approve':
      case 'Decline (request)': {
        const draft = await world.send(cast.rita, 'invite-customer admin@wingtip.com.tw --name "Wingtip Toys"');
        const page = (await openLink(world, cast.wendy, tokenIn(readable(draft)))).replies;
        const id = row === 'Approve' ? 'customer.approve' : 'customer.decline';
        return (who) => world.press(who, id, button(page, id).value);
      }
      case 'End the relationship': {
        const ask = await world.send(cast.rita, 'remove-customer Wingtip');
        return (who) => world.press(who, 'customer.remove', button(ask, 'customer.remove').value);
      }
      default:
        throw new Error(row);
    }
  }

  for (const row of table) {
    describe(row.button, () => {
      beforeAll(async () => {
        presses.set(row.button, await subject(row.button));
      });
      for (const [who, message] of Object.entries(row.refused)) {
        if (!message) continue;
        it(`refuses the ${who}`, async () => {
          expect(readable(await presses.get(row.button)!(personas[who as Who]))).toContain(message);
        });
      }
      it(`lets the ${row.allowed} press it`, async () => {
        expect(readable(await presses.get(row.button)!(personas[row.allowed]))).toContain(row.success);
      });
    });
  }
});
