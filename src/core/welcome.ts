import type { Translate } from '../i18n/translator.js';
import { text, type Button, type Message } from './replies.js';

const GREETING = /^(hi|hello|hey|hiya|good (morning|afternoon|evening)|你好|您好|嗨|哈囉|哈啰|早安|午安|晚安)[\s!！.。,，~]*$/i;

/** Whether typed text is only a greeting ("hi", "Hello!", "你好"). */
export function isGreeting(typed: string): boolean {
  return GREETING.test(typed.trim());
}

/** A button that runs a command as if it were typed: `command.<name>`, the typed text in `value`. */
export function commandButton(label: string, typed: string, extra: Partial<Button> = {}): Button {
  return { label, actionId: `command.${typed.split(' ')[0]}`, value: typed, ...extra };
}

/**
 * What the bot does for resellers, providers and customers, with the first steps as buttons: sent when
 * the app is installed, and to a newcomer's greeting (it starts no dialog).
 */
export function welcomeMessage(t: Translate): Message {
  return {
    blocks: [
      text(`*${t('welcome.title')}*\n${t('welcome.body')}`),
      {
        type: 'actions',
        buttons: [
          commandButton(t('welcome.button.enroll'), 'enroll', { style: 'primary' }),
          commandButton(t('welcome.button.find-provider'), 'find-provider', { onlyShows: true }),
          commandButton(t('welcome.button.help'), 'help', { onlyShows: true }),
        ],
      },
    ],
  };
}
