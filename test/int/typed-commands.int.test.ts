import { readFileSync } from 'node:fs';
import { buttons, persona, readable } from '../support/core-harness.js';
import { currentStep, press, say, US_ANSWERS } from '../support/enrollment-driver.js';
import { cast, partneredWorld, type World } from './partnership-fixtures.js';

/**
 * Typed commands run in any conversation state: a waiting dialog stays where it was and the answer says
 * how to go back (`resume`); only text that is not a command reaches the dialog.
 */
let world: World;
beforeAll(async () => {
  ({ world } = await partneredWorld('typed-commands'));
});
afterAll(async () => world.harness.close());

const h = () => world.harness;

describe('greetings', () => {
  it('welcomes a newcomer with enrollment and the directory as buttons, starting no dialog', async () => {
    const nia = persona('nia');
    const welcome = await say(h(), nia, 'hi');
    expect(readable(welcome)).toContain('Welcome to the CSP partner bot');
    expect(readable(welcome)).toContain('Indirect providers: invite resellers');
    expect(readable(welcome)).toMatch(/\[Enroll as a reseller\][\s\S]*\[Find an indirect provider\]/);
    expect(await currentStep(h(), nia)).toBeUndefined();

    // The directory button answers with the directory, still without a dialog.
    expect(readable(await press(h(), nia, welcome, 'command.find-provider'))).toContain('Fabrikam Taiwan Ltd');
    expect(await currentStep(h(), nia)).toBeUndefined();

    const enrolling = await press(h(), nia, welcome, 'command.enroll');
    expect(readable(enrolling)).toContain('Enroll as a new indirect reseller');
    expect(await currentStep(h(), nia)).toBe('welcome');
  });

  it('welcomes in Traditional Chinese, and "start" begins the enrollment', async () => {
    const lin = persona('lin', { locale: 'zh-TW' });
    expect(readable(await say(h(), lin, '你好！'))).toContain('歡迎使用 CSP 合作夥伴機器人');
    expect(await currentStep(h(), lin)).toBeUndefined();
    expect(readable(await say(h(), lin, 'start'))).toContain('在雲端解決方案提供者 (CSP) 計畫中註冊為新間接經銷商');
    expect(await currentStep(h(), lin)).toBe('welcome');
  });

  it('answers a greeting from someone with an organization with help, not the enrollment welcome', async () => {
    const text = readable(await say(h(), cast.pam, 'Hello!'));
    expect(text).toContain('What you can do');
    expect(text).toContain('invite-reseller');
    expect(text).not.toContain('I don’t know the command');
    expect(text).not.toContain('Enroll as');
  });
});

describe('a command typed during the enrollment dialog', () => {
  const kai = persona('kai');
  beforeAll(async () => {
    const welcome = await say(h(), kai, 'enroll');
    await press(h(), kai, welcome, 'enrollment.start');
    await say(h(), kai, 'contoso.onmicrosoft.com');
    expect(await currentStep(h(), kai)).toBe('legalName');
  });

  it('runs the command, keeps the dialog where it was and says how to go back', async () => {
    const found = readable(await say(h(), kai, 'find-provider TW'));
    expect(found).toContain('Fabrikam Taiwan Ltd');
    expect(found).toContain('You have an enrollment in progress: type resume');
    expect(found).not.toContain('Press Start enrollment');
    expect(await currentStep(h(), kai)).toBe('legalName');

    // A command the person may not use is refused, and the way back is still given.
    const refused = readable(await say(h(), kai, 'invite-reseller bo@example.com'));
    expect(refused).not.toContain('Legal business name');
    expect(refused).toContain('type resume');
    expect(readable(await say(h(), kai, 'help'))).toContain('resume — go back to what you were doing');
    // A Slack slash command does the same.
    expect(readable(await h().send(kai, { kind: 'command', name: 'customers', args: '' }))).toContain('type resume');
    expect(await currentStep(h(), kai)).toBe('legalName');
  });

  it('resume asks the current question again; "enroll" does too', async () => {
    expect(readable(await say(h(), kai, 'resume'))).toMatch(/legal business name/i);
    expect(readable(await say(h(), kai, 'enroll'))).toMatch(/legal business name/i);
    expect(await currentStep(h(), kai)).toBe('legalName');
  });

  it('pressing Keep going on the note asks the current question again', async () => {
    const answer = await say(h(), kai, 'providers');
    expect(buttons(answer).map((b) => b.label)).toContain('Keep going');
    expect(readable(await press(h(), kai, answer, 'enrollment.resume'))).toMatch(/legal business name/i);
  });

  it('takes answers that merely start with a command word as answers', async () => {
    await say(h(), kai, 'Customers First Ltd');
    expect(await currentStep(h(), kai)).toBe('country');
    const from = US_ANSWERS.findIndex(([field]) => field === 'country');
    const to = US_ANSWERS.findIndex(([field]) => field === 'contactName');
    for (const [, answer] of US_ANSWERS.slice(from, to)) await say(h(), kai, answer);
    expect(await currentStep(h(), kai)).toBe('contactName');
    await say(h(), kai, 'Grant Thornton');
    expect(await currentStep(h(), kai)).toBe('contactEmail');
  });
});

describe('resume with nothing in progress', () => {
  it('says there is nothing to go back to', async () => {
    expect(readable(await say(h(), cast.rita, 'resume'))).toContain('There is nothing in progress to go back to');
  });
});

describe('the Teams command lists', () => {
  it('offer only commands the bot runs, in every scope', async () => {
    const manifest = JSON.parse(readFileSync('manifests/teams/manifest.json', 'utf8'));
    const titles = new Set<string>(
      manifest.bots[0].commandLists.flatMap((list: { commands: Array<{ title: string }> }) => list.commands.map((c) => c.title)),
    );
    for (const title of titles) {
      expect([title, readable(await say(h(), cast.pam, title))]).not.toEqual([title, expect.stringContaining('I don’t know the command')]);
    }
  });
});
