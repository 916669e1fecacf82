import { defineMessages } from './translator.js';

/** Messages of the engine itself: help, errors that any command can produce. */
export const coreMessages = defineMessages(
  {
    'help.title': 'What you can do',
    'help.intro':
      'I am a helper for Microsoft’s CSP indirect model, not Microsoft: I record what providers, resellers and customers agree and remind them; it becomes real in Partner Center. Type a command, or use /csp <command> in Slack. Commands available to you:',
    'help.unknown': 'I don’t know the command “{name}”.',
    'help.line': '• {usage} — {summary}',
    'help.resume': 'go back to what you were doing',
    'resume.none': 'There is nothing in progress to go back to. Type help to see what you can do.',
    'welcome.title': 'Welcome to the CSP partner bot',
    'welcome.body':
      'I help companies work together in Microsoft’s Cloud Solution Provider (CSP) indirect model:\n' +
      '• Resellers: enroll your company as a CSP indirect reseller, authorize your indirect provider and ask customers for a reseller relationship.\n' +
      '• Indirect providers: invite resellers and see your resellers and their customers.\n' +
      '• Customers: approve or decline the relationship requests your reseller sends you.\n' +
      'Type help at any time to see the commands you can use.',
    'welcome.button.enroll': 'Enroll as a reseller',
    'welcome.button.find-provider': 'Find an indirect provider',
    'welcome.button.help': 'What can I do?',
    'chat.moved-personal': '{name}, I sent you the rest in our personal chat.',
    'error.generic': 'Something went wrong on our side and nothing was changed. Please try again in a moment.',
    'error.database':
      'I couldn’t save that step because the database is not answering. Nothing was lost: please send it again in a minute.',
    'error.busy': 'Another message of yours is being handled right now. Please send that again.',
    'error.FORBIDDEN':
      'You don’t have permission to do that. Type help to see what you can do; if you belong to an organization here, members lists its admins, who can give you a role with grant.',
    'error.ORG.ADMIN_ONLY':
      'Only an admin of {org} can do that. Ask one of its admins ({admins}) to do it, or to give you the role with grant.',
    'error.NOT_FOUND': 'I couldn’t find that. Type help to see what you can do.',
    'error.ACTION.STALE':
      'This button is out of date: what it offered has changed or was already done, and nothing was changed now. Use the newest message, or type help to see what you can do.',
  },
  {
    'help.title': '您可以執行的操作',
    'help.intro':
      '我是協助 Microsoft CSP 間接模型的機器人，不是 Microsoft：我會記錄提供者、經銷商和客戶之間的約定並提醒他們；這些約定要在合作夥伴中心才會生效。請輸入命令，或在 Slack 中使用 /csp <命令>；命令也可以輸入括號中的中文名稱。您可以使用的命令：',
    'help.unknown': '我不認得命令「{name}」。',
    'help.line': '• {usage} — {summary}',
    'help.resume': '回到您剛才進行的步驟',
    'resume.none': '目前沒有進行中的步驟可以回到。輸入 help 查看您可以執行的操作。',
    'welcome.title': '歡迎使用 CSP 合作夥伴機器人',
    'welcome.body':
      '我協助各公司在 Microsoft 雲端解決方案提供者 (CSP) 間接模式中合作：\n' +
      '• 經銷商：將您的公司註冊為 CSP 間接經銷商、授權您的間接提供者，並向客戶要求經銷商關係。\n' +
      '• 間接提供者：邀請經銷商，並查看您的經銷商及其客戶。\n' +
      '• 客戶：核准或拒絕您的經銷商傳送給您的關係要求。\n' +
      '隨時輸入 help 查看您可以使用的命令。',
    'welcome.button.enroll': '註冊為經銷商',
    'welcome.button.find-provider': '尋找間接提供者',
    'welcome.button.help': '我可以做什麼？',
    'chat.moved-personal': '{name}，其餘內容我已傳到我們的個人聊天中。',
    'error.generic': '我們這邊發生問題，沒有進行任何變更。請稍後再試一次。',
    'error.database': '資料庫沒有回應，因此無法儲存這個步驟。資料沒有遺失：請在一分鐘後再傳送一次。',
    'error.busy': '您的另一則訊息正在處理中。請再傳送一次。',
    'error.FORBIDDEN':
      '您沒有執行此操作的權限。輸入 help 查看您可以執行的操作；如果您屬於此處的某個組織，members 會列出其系統管理員，他們可以使用 grant 授與您角色。',
    'error.ORG.ADMIN_ONLY': '只有 {org} 的系統管理員可以執行此操作。請要求其系統管理員（{admins}）代為執行，或使用 grant 授與您該角色。',
    'error.NOT_FOUND': '找不到該項目。輸入 help 查看您可以執行的操作。',
    'error.ACTION.STALE':
      '此按鈕已過時：它提供的操作已變更或已完成，這次沒有進行任何變更。請使用最新的訊息，或輸入 help 查看您可以執行的操作。',
  },
);
