import { createHarness, persona, readable, type Harness } from '../support/core-harness.js';
import { currentStep, press, say, storedDialog, US_ANSWERS } from '../support/enrollment-driver.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ label: 'enrollfields' });
});
afterAll(async () => h.close());

/** Three or more realistic wrong answers per field, each with the words of the specific message expected. */
const BAD: Record<string, Array<[input: string, message: string]>> = {
  tenant: [
    ['contoso.com', 'That is a custom domain'],
    ['1234', 'neither a tenant ID nor'],
    ['72f988bf-86f1-41af-91ab', 'not a complete one'],
    ['contoso.onmicrosoft', 'neither a tenant ID nor'],
  ],
  legalName: [
    ['A', 'longer than one character'],
    ['!!! ???', 'only symbols or spaces'],
    ['LLC', 'only a company suffix'],
    ['x'.repeat(101), 'at most 100 characters'],
  ],
  country: [
    ['TWN', 'two-letter country code'],
    ['XX', 'don’t know that country'],
    ['Narnia', 'don’t know that country'],
  ],
  addressLine1: [
    ['#1', 'too short to be a street address'],
    ['   ', 'cannot be empty'],
    ['x'.repeat(201), 'at most 200 characters'],
  ],
  city: [
    ['12345', 'A city name has letters'],
    ['', 'cannot be empty'],
    ['x'.repeat(51), 'at most 50 characters'],
  ],
  region: [
    ['Washington', 'two-letter state code'],
    ['XX', 'two-letter state code'],
    ['skip', 'required, it cannot be skipped'],
  ],
  postalCode: [
    ['9805', 'not a valid postal code for United States (US)'],
    ['ABCDE', 'not a valid postal code for United States (US)'],
    ['98052-12', 'not a valid postal code for United States (US)'],
  ],
  partnerId: [
    ['MPN-1234567', 'digits only'],
    ['12345', '6 to 10 digits'],
    ['abc', 'digits only'],
  ],
  partnerCountry: [
    ['TW', 'same country/region as your organization (United States (US))'],
    ['Narnia', 'don’t know that country'],
    ['GBR', 'two-letter country code'],
  ],
  contactName: [
    ['ana@contoso.com', 'not a person’s name'],
    ['12345', 'A name has letters'],
    ['x'.repeat(51), 'at most 50 characters'],
  ],
  contactEmail: [
    ['ana@gmail.com', 'Free webmail addresses'],
    ['ana@hotmail.com', 'Free webmail addresses'],
    ['admin@contoso.onmicrosoft.com', 'Don’t use a *.onmicrosoft.com sign-in address'],
    ['ana.contoso.com', 'not a valid email address'],
  ],
  contactPhone: [
    ['555-CALL-NOW', 'digits, spaces, dashes'],
    ['12345', '7 to 15 digits'],
    ['+886 2 2345 6789', 'United States number has 10 digits'],
  ],
  supportEmail: [
    ['support@yahoo.com', 'Free webmail addresses'],
    ['help@icloud.com', 'Free webmail addresses'],
    ['support at contoso', 'not a valid email address'],
  ],
  supportPhone: [
    ['call us', 'digits, spaces, dashes'],
    ['911', '7 to 15 digits'],
    ['1234567890123456', '7 to 15 digits'],
  ],
  supportWebsite: [
    ['not a website', 'not a web address'],
    ['ftp://contoso.com', 'not a web address'],
    ['localhost', 'not a web address'],
  ],
};

describe('enrollment answers', () => {
  it('refuses realistic wrong answers for every field with a specific message and an example, and stays on the field', async () => {
    const ana = persona('fields-ana');
    await press(h, ana, await say(h, ana, 'enroll'), 'enrollment.start');
    for (const [field, good] of US_ANSWERS) {
      expect(await currentStep(h, ana)).toBe(field);
      for (const [bad, message] of BAD[field]) {
        const shown = readable(await say(h, ana, bad));
        expect({ field, bad, shown }).toEqual({ field, bad, shown: expect.stringContaining(message) });
        expect(shown).toContain('Example:');
        expect(await currentStep(h, ana)).toBe(field);
      }
      await say(h, ana, good);
    }
    expect(await currentStep(h, ana)).toBe('summary');
  });

  it('offers back, edit and cancel at every step', async () => {
    const bo = persona('fields-bo');
    await press(h, bo, await say(h, bo, 'enroll'), 'enrollment.start');
    let previous = 'welcome';
    for (const [field, good] of US_ANSWERS) {
      // cancel asks first; "Keep going" returns to the same question
      const asked = await say(h, bo, 'cancel');
      expect(readable(asked)).toContain('Cancel this enrollment? Your answers will be deleted.');
      await press(h, bo, asked, 'enrollment.resume');
      expect(await currentStep(h, bo)).toBe(field);
      // ? (the dialog's help), help (the commands) and status answer without moving
      expect(readable(await say(h, bo, '?'))).toContain('edit <field>: change an answer');
      expect(readable(await say(h, bo, 'help'))).toContain('You have an enrollment in progress: type resume');
      const step = US_ANSWERS.findIndex(([id]) => id === field) + 1;
      expect(readable(await say(h, bo, 'status'))).toContain(`step ${step} of 15`);
      expect(await currentStep(h, bo)).toBe(field);
      // back goes to the previous step and keeps the answer given there
      await say(h, bo, 'back');
      expect(await currentStep(h, bo)).toBe(previous);
      if (previous === 'welcome') await say(h, bo, 'start');
      else await say(h, bo, US_ANSWERS.find(([id]) => id === previous)![1]);
      expect(await currentStep(h, bo)).toBe(field);
      // edit jumps to an earlier field; answering it returns to where the user was
      if (previous !== 'welcome') {
        const editing = await say(h, bo, 'edit tenant');
        expect(readable(editing)).toContain('Current answer: contoso.onmicrosoft.com');
        await say(h, bo, 'contoso.onmicrosoft.com');
        expect(await currentStep(h, bo)).toBe(field);
      }
      await say(h, bo, good);
      previous = field;
    }
    // from the summary: an Edit button, then a real cancel
    const summary = readable(await say(h, bo, 'status'));
    expect(summary).toContain('[Edit: City]');
    const dialog = await storedDialog(h, bo);
    const edited = await h.send(bo, { kind: 'action', actionId: 'enrollment.edit', value: 'summary|city' });
    expect(readable(edited)).toContain('City?');
    const back = await say(h, bo, 'Seattle');
    expect(readable(back)).toContain('City: Seattle');
    expect(dialog?.state?.step).toBe('summary');
    const confirm = await press(h, bo, back, 'enrollment.cancel');
    const done = await press(h, bo, confirm, 'enrollment.cancel-yes');
    expect(readable(done)).toContain('Enrollment cancelled');
    expect((await storedDialog(h, bo))?.state).toBeNull();
  });

  it('never stores a pasted password, MFA code or secret and says why', async () => {
    const cy = persona('fields-cy');
    await press(h, cy, await say(h, cy, 'enroll'), 'enrollment.start');
    for (const secret of ['P@ssw0rd!2024', 'my password is Tr0ub4dor&3', '482913', 'Xyz8Q~aBcDeFgHiJkLmNoPqRsTuVwXyZ012345']) {
      const shown = readable(await say(h, cy, secret));
      expect(shown).toContain('looks like a password or a security code');
      expect(shown).toContain('never need passwords');
      expect(await currentStep(h, cy)).toBe('tenant');
    }
    await say(h, cy, 'contoso.onmicrosoft.com');
    await say(h, cy, 'Hunter2!secret');
    const raw = JSON.stringify(await h.database.connection.collection('dialogs').find({}).toArray());
    for (const secret of ['P@ssw0rd', 'Tr0ub4dor', '482913', 'Xyz8Q~', 'Hunter2']) expect(raw).not.toContain(secret);
  });

  it('accepts a whole address form, and answers an invalid one with per-field errors', async () => {
    const di = persona('fields-di');
    await press(h, di, await say(h, di, 'enroll'), 'enrollment.start');
    await say(h, di, 'contoso.onmicrosoft.com');
    const question = await say(h, di, 'Contoso Ltd.');
    const form = question.flatMap((r) => (r.type === 'post' ? r.message.blocks : [])).find((b) => b.type === 'form');
    expect(form).toMatchObject({
      formId: 'enrollment.address',
      fields: expect.arrayContaining([expect.objectContaining({ id: 'postalCode' })]),
    });
    const invalid = await h.send(di, {
      kind: 'form',
      formId: 'enrollment.address',
      values: { country: 'US', addressLine1: '1 Microsoft Way', city: 'Redmond', region: 'Washington', postalCode: '980' },
    });
    expect(invalid).toEqual([
      {
        type: 'form-errors',
        formId: 'enrollment.address',
        errors: {
          region: expect.stringContaining('two-letter state code'),
          postalCode: expect.stringContaining('not a valid postal code'),
        },
      },
    ]);
    expect(await currentStep(h, di)).toBe('country');
    const valid = await h.send(di, {
      kind: 'form',
      formId: 'enrollment.address',
      values: { country: 'US', addressLine1: '1 Microsoft Way', city: 'Redmond', region: 'WA', postalCode: '98052' },
    });
    expect(readable(valid)).toContain('PartnerID (formerly MPN ID)');
    expect(await currentStep(h, di)).toBe('partnerId');
    const country = await say(h, di, '1234567');
    expect(readable(await press(h, di, country, 'enrollment.answer', 'partnerCountry|US'))).toContain('Primary contact: full name?');
    expect(await currentStep(h, di)).toBe('contactName');
  });

  it('guides a reseller without a tenant to create one', async () => {
    const ed = persona('fields-ed');
    const tenant = await press(h, ed, await say(h, ed, 'enroll'), 'enrollment.start');
    expect(readable(tenant)).toContain('[Sign in to Microsoft Entra]');
    const create = await press(h, ed, tenant, 'enrollment.no-tenant');
    expect(readable(create)).toContain('[Create new tenant]');
    expect(await currentStep(h, ed)).toBe('tenant-create');
    await say(h, ed, 'newco.onmicrosoft.com');
    expect(await currentStep(h, ed)).toBe('legalName');
  });
});
