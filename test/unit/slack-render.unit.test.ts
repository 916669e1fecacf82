import type { FormBlock, Message } from '../../src/core/replies.js';
import { availableCommands } from '../../adapters/slack/home.js';
import { LIMITS, TRUNCATED } from '../../adapters/slack/limits.js';
import { parseModalMetadata, readModalValues, renderModal } from '../../adapters/slack/modal.js';
import { withoutPressedRow } from '../../adapters/slack/outbound.js';
import { fallbackText, fitView, OPEN_FORM_ACTION, originalActionId, renderBlocks, splitMessage } from '../../adapters/slack/render.js';
import { commandInput, messageInput, slackTextToPlain } from '../../adapters/slack/translate.js';

const context = { formKey: () => 'f_key' };
const render = (message: Message) => renderBlocks(message, context) as any[];

const addressForm: FormBlock = {
  type: 'form',
  formId: 'enrollment.address',
  title: 'Company address and contacts of the reseller',
  submitLabel: 'Save the address now please',
  fields: [
    { id: 'line1', label: 'Street', kind: 'text', required: true, value: '1 Main St', error: 'Too short' },
    { id: 'email', label: 'Email', kind: 'email', hint: 'Work email' },
    { id: 'site', label: 'Website', kind: 'url' },
    { id: 'notes', label: 'Notes', kind: 'multiline' },
    { id: 'agree', label: 'I agree', kind: 'checkbox', value: 'true' },
    {
      id: 'country',
      label: 'Country',
      kind: 'select',
      value: 'TW',
      options: [
        { label: 'Taiwan', value: 'TW' },
        { label: 'Japan', value: 'JP' },
      ],
    },
  ],
  buttons: [{ label: 'Decline', actionId: 'enrollment.decline', value: 'app_1', style: 'danger' }],
};

describe('Block Kit rendering', () => {
  it('keeps bold working next to Chinese text with zero-width spaces', () => {
    expect(render({ blocks: [{ type: 'text', text: '可以*代表您的客戶*；' }] })[0]).toMatchObject({
      text: { text: '可以\u200b*代表您的客戶*\u200b；' },
    });
  });

  it('renders text as mrkdwn sections, escaping &, < and >', () => {
    expect(render({ blocks: [{ type: 'text', text: '*Hi* <Mei> & co' }] })).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '*Hi* &lt;Mei&gt; &amp; co' } },
    ]);
  });

  it('splits text longer than 3000 characters into several sections without losing words', () => {
    const words = Array.from({ length: 1500 }, (_, i) => `word${i}`).join(' ');
    const blocks = render({ blocks: [{ type: 'text', text: words }] });
    expect(blocks.length).toBeGreaterThan(2);
    expect(blocks.every((block) => block.text.text.length <= LIMITS.sectionText)).toBe(true);
    expect(blocks.map((block) => block.text.text).join(' ')).toBe(words);
  });

  it('renders a summary as a header and sections of at most ten fields', () => {
    const fields = Array.from({ length: 13 }, (_, i) => ({ label: `L${i}`, value: `v${i}` }));
    const [header, first, second] = render({ blocks: [{ type: 'summary', title: 'Fabrikam', fields }] });
    expect(header).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Fabrikam', emoji: true } });
    expect(first.fields).toHaveLength(10);
    expect(second.fields).toHaveLength(3);
    expect(first.fields[0].text).toBe('*L0*\nv0');
  });

  it('renders buttons with style and a Slack confirm dialog, and keeps action ids distinct and short', () => {
    const long = `partnership.${'x'.repeat(400)}`;
    const [actions] = render({
      blocks: [
        {
          type: 'actions',
          buttons: [
            { label: 'Accept', actionId: 'partnership.accept', value: 'inv_1', style: 'primary' },
            { label: 'Accept too', actionId: 'partnership.accept', value: 'inv_2' },
            {
              label: 'Decline',
              actionId: 'partnership.decline',
              value: 'inv_1',
              style: 'danger',
              confirm: { title: 'Decline?', text: 'Sure?', confirm: 'Decline', deny: 'Keep' },
            },
            { label: 'Long', actionId: long, value: 'v' },
          ],
        },
      ],
    });
    const [accept, acceptToo, decline, longOne] = actions.elements;
    expect(accept).toMatchObject({ action_id: 'partnership.accept', style: 'primary', value: 'inv_1' });
    expect(acceptToo.action_id).not.toBe(accept.action_id);
    expect(originalActionId(acceptToo.action_id)).toBe('partnership.accept');
    expect(decline.confirm).toEqual({
      title: { type: 'plain_text', text: 'Decline?', emoji: true },
      text: { type: 'plain_text', text: 'Sure?', emoji: true },
      confirm: { type: 'plain_text', text: 'Decline', emoji: true },
      deny: { type: 'plain_text', text: 'Keep', emoji: true },
      style: 'danger',
    });
    expect(longOne.action_id.length).toBeLessThanOrEqual(LIMITS.actionId);
    expect(longOne.action_id.endsWith(TRUNCATED)).toBe(true);
  });

  it('splits a message of more than 50 blocks into several messages and fits views into 100 blocks', () => {
    const blocks = render({ blocks: Array.from({ length: 120 }, (_, i) => ({ type: 'text' as const, text: `line ${i}` })) });
    const parts = splitMessage(blocks);
    expect(parts.map((part) => part.length)).toEqual([50, 50, 20]);
    const view = fitView(render({ blocks: Array.from({ length: 150 }, (_, i) => ({ type: 'text' as const, text: `l${i}` })) }));
    expect(view).toHaveLength(LIMITS.viewBlocks);
    expect(JSON.stringify(view[99])).toContain('+51');
  });

  it('renders a form in a message as its summary with an open button and the form’s own buttons', () => {
    const blocks = render({ blocks: [addressForm] });
    expect(blocks[0].text.text).toContain('*Company address and contacts of the reseller*');
    expect(blocks[0].text.text).toContain('⚠️ Too short');
    const [open, decline] = blocks[1].elements;
    expect(open).toMatchObject({ action_id: OPEN_FORM_ACTION, value: 'f_key', style: 'primary' });
    expect(open.text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
    expect(decline).toMatchObject({ action_id: 'enrollment.decline', style: 'danger' });
  });

  it('uses the first text as the notification fallback', () => {
    expect(
      fallbackText({
        blocks: [
          { type: 'actions', buttons: [] },
          { type: 'text', text: 'Hello' },
        ],
      }),
    ).toBe('Hello');
  });
});

describe('modals', () => {
  it('renders one input per field with block ids = field ids, initial values, and known errors', () => {
    const view = renderModal(addressForm, { f: 'enrollment.address', c: 'D1', t: '1.000001' }) as any;
    expect(view.title.text.length).toBeLessThanOrEqual(LIMITS.viewTitle);
    expect(view.submit.text.length).toBeLessThanOrEqual(LIMITS.viewSubmit);
    const inputs = view.blocks.filter((block: any) => block.type === 'input');
    expect(inputs.map((block: any) => [block.block_id, block.element.type])).toEqual([
      ['line1', 'plain_text_input'],
      ['email', 'email_text_input'],
      ['site', 'url_text_input'],
      ['notes', 'plain_text_input'],
      ['agree', 'checkboxes'],
      ['country', 'static_select'],
    ]);
    expect(inputs[0]).toMatchObject({ optional: false, element: { initial_value: '1 Main St' } });
    expect(inputs[1].hint.text).toBe('Work email');
    expect(inputs[4].element.initial_options).toHaveLength(1);
    expect(inputs[5].element.initial_option.value).toBe('TW');
    expect(JSON.stringify(view.blocks)).toContain('Too short');
    expect(parseModalMetadata(view.private_metadata)).toEqual({ f: 'enrollment.address', c: 'D1', t: '1.000001' });
  });

  it('reads submitted values, checkboxes as true/false', () => {
    expect(
      readModalValues({
        line1: { line1: { type: 'plain_text_input', value: ' 2 Side St ' } },
        email: { email: { type: 'email_text_input', value: null } },
        agree: { agree: { type: 'checkboxes', selected_options: [] } },
        country: { country: { type: 'static_select', selected_option: { value: 'JP' } } },
      }),
    ).toEqual({ line1: '2 Side St', email: '', agree: 'false', country: 'JP' });
  });
});

describe('Slack input', () => {
  it('unwraps what Slack does to typed emails, links and entities', () => {
    expect(slackTextToPlain('invite <mailto:a@b.com|a@b.com> see <https://contoso.com|contoso.com> &lt;x&gt; &amp;')).toBe(
      'invite a@b.com see contoso.com <x> &',
    );
    expect(slackTextToPlain('<https://contoso.com/path>')).toBe('https://contoso.com/path');
  });

  it('turns /csp text into a command, bare /csp into help', () => {
    expect(commandInput('invite-reseller <mailto:a@b.com|a@b.com> Welcome aboard')).toEqual({
      kind: 'command',
      name: 'invite-reseller',
      args: 'a@b.com Welcome aboard',
    });
    expect(commandInput('  ')).toEqual({ kind: 'command', name: 'help', args: '' });
    expect(messageInput(' hello ')).toEqual({ kind: 'message', text: 'hello' });
  });

  it('finds the commands a help reply lists', () => {
    const help = [
      {
        type: 'post' as const,
        message: { blocks: [{ type: 'text' as const, text: '*What*\nintro\n• status — s\n• invite-reseller <email> — i' }] },
      },
    ];
    expect(availableCommands(help)).toEqual(new Set(['status', 'invite-reseller']));
  });

  it('replaces the pressed row of a clicked message by what was chosen', () => {
    const blocks: any[] = [
      { type: 'section', text: { type: 'mrkdwn', text: 'Invite' } },
      { type: 'actions', elements: [{ type: 'button', action_id: 'partnership.accept', text: { type: 'plain_text', text: 'Accept' } }] },
    ];
    expect(withoutPressedRow(blocks, (element) => element.action_id === 'partnership.accept', 'Accept')[1]).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: '› Accept' }],
    });
  });
});
