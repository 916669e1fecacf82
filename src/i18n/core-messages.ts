import { defineMessages } from './translator.js';

/** Messages of the engine itself: help, errors that any command can produce. */
export const coreMessages = defineMessages(
  {
    'help.title': 'What you can do',
    'help.intro': 'Type a command, or use /csp <command> in Slack. Commands available to you:',
    'help.unknown': 'I don’t know the command “{name}”.',
    'help.line': '• {usage} — {summary}',
    'error.generic': 'Something went wrong on our side and nothing was changed. Please try again in a moment.',
    'error.database':
      'I couldn’t save that step because the database is not answering. Nothing was lost: please send it again in a minute.',
    'error.busy': 'Another message of yours is being handled right now. Please send that again.',
    'error.FORBIDDEN': 'You don’t have permission to do that.',
    'error.NOT_FOUND': 'I couldn’t find that.',
    'error.ACTION.STALE': 'That button is from an older message; use the newest one.',
  },
  {
    'help.title': '您可以執行的操作',
    'help.intro': '請輸入命令，或在 Slack 中使用 /csp <命令>。您可以使用的命令：',
    'help.unknown': '我不認得命令「{name}」。',
    'help.line': '• {usage} — {summary}',
    'error.generic': '我們這邊發生問題，沒有進行任何變更。請稍後再試一次。',
    'error.database': '資料庫沒有回應，因此無法儲存這個步驟。資料沒有遺失：請在一分鐘後再傳送一次。',
    'error.busy': '您的另一則訊息正在處理中。請再傳送一次。',
    'error.FORBIDDEN': '您沒有執行此操作的權限。',
    'error.NOT_FOUND': '找不到該項目。',
    'error.ACTION.STALE': '該按鈕屬於較早的訊息；請使用最新的訊息。',
  },
);
