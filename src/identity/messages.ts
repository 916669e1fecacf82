import { defineMessages } from '../i18n/translator.js';

export const identityMessages = defineMessages(
  {
    'identity.help': 'prove that the email address of your chat profile is yours (the bot mails you a one-time code)',
    'identity.usage': 'Type verify-email to get a 6-digit code by email, then verify-email followed by the code, e.g. verify-email 123456.',
    'identity.noEmail':
      'Your chat profile shows no email address, so there is nowhere to send a code. Answer from the personal link in the email instead.',
    'identity.already': '{email} is already proven to be yours.',
    'identity.recent':
      'A code was mailed to {email} less than 15 minutes ago. Type verify-email followed by that code; if it does not arrive, check your spam folder, or ask again in 15 minutes.',
    'identity.sent':
      'We emailed a 6-digit code to {email}. Type verify-email followed by the code here within {minutes} minutes, e.g. verify-email 123456.',
    'identity.noCode': 'No code is waiting for you (they work for 15 minutes). Type verify-email to get a new one.',
    'identity.wrong': 'That code is not right. {left} tries left.',
    'identity.tooMany': 'Too many wrong codes. Type verify-email to get a new one (one every 15 minutes).',
    'identity.proven':
      'Thank you: {email} is proven to be yours. Invitations and requests sent to it, and roles given to it, are now yours here. Type invitations to see what waits for your answer.',
    'identity.mail.subject': 'Your code: {code}',
    'identity.mail.body':
      'Hello,\n{name} asked in a chat with the CSP partner bot to prove that this email address is theirs, to answer the CSP partner invitations and requests sent to it.\nTheir code is {code}. Type verify-email {code} in the chat with the bot within {minutes} minutes.\nIf this was not you, ignore this email and do not share the code: without it nobody can act for this address.',
    'error.EMAIL.UNPROVEN':
      'This is addressed to {email}. Your chat profile shows that address, but a profile can name any address, so first prove that it is yours: type verify-email and we email a 6-digit code to {email}, then type verify-email followed by the code. Or answer from the personal link in the email. Nothing was changed.',
  },
  {
    'identity.help': '證明您聊天個人檔案中的電子郵件地址屬於您（機器人會寄給您一次性驗證碼）',
    'identity.usage': '輸入 verify-email 以透過電子郵件取得 6 位數驗證碼，再輸入 verify-email 加上驗證碼，例如 verify-email 123456。',
    'identity.noEmail': '您的聊天個人檔案沒有電子郵件地址，因此無法寄送驗證碼。請改用電子郵件中的個人連結回覆。',
    'identity.already': '已證明 {email} 屬於您。',
    'identity.recent':
      '不到 15 分鐘前已寄送驗證碼到 {email}。請輸入 verify-email 加上該驗證碼；如果沒有收到，請檢查垃圾郵件資料夾，或在 15 分鐘後再試一次。',
    'identity.sent': '我們已寄送 6 位數驗證碼到 {email}。請在 {minutes} 分鐘內於此輸入 verify-email 加上驗證碼，例如 verify-email 123456。',
    'identity.noCode': '目前沒有等待中的驗證碼（驗證碼 15 分鐘內有效）。請輸入 verify-email 取得新的驗證碼。',
    'identity.wrong': '驗證碼不正確。還可以再試 {left} 次。',
    'identity.tooMany': '錯誤次數過多。請輸入 verify-email 取得新的驗證碼（每 15 分鐘一組）。',
    'identity.proven':
      '謝謝：已證明 {email} 屬於您。寄給此地址的邀請與要求，以及授予此地址的角色，現在在這裡都屬於您。輸入 invitations 查看等待您回覆的項目。',
    'identity.mail.subject': '您的驗證碼：{code}',
    'identity.mail.body':
      '您好：\n{name} 在與 CSP 合作夥伴機器人的聊天中要求證明此電子郵件地址屬於他們，以回覆寄給此地址的 CSP 合作夥伴邀請與要求。\n驗證碼是 {code}。請在 {minutes} 分鐘內於與機器人的聊天中輸入 verify-email {code}。\n如果這不是您本人，請忽略此電子郵件，也不要分享驗證碼：沒有驗證碼，任何人都無法代表此地址行事。',
    'error.EMAIL.UNPROVEN':
      '這是寄給 {email} 的。您的聊天個人檔案顯示此地址，但個人檔案可以填寫任何地址，因此請先證明它屬於您：輸入 verify-email，我們會寄送 6 位數驗證碼到 {email}，再輸入 verify-email 加上驗證碼。或使用電子郵件中的個人連結回覆。沒有進行任何變更。',
  },
);
