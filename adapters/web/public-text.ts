import { createTranslator, defineMessages, type Locale, type Translate } from '../../src/public.js';

/**
 * The pages anyone may read, also in production: what the bot is (`/` without the playground), privacy
 * and terms of use (the Teams manifest links to them). Lists are one item a line.
 */
const texts = defineMessages(
  {
    'about.title': 'CSP partner bot',
    'about.text':
      'A chat bot for Microsoft Cloud Solution Provider (CSP) partners in the indirect model. In Slack or Microsoft Teams it helps you enroll your organization, invite resellers or authorize an indirect provider, and request customer relationships. The links in its emails open on this site.',
    'about.start': 'There is nothing to sign in to here: talk to the bot in your chat app.',
    'about.more': 'More about the bot',
    'privacy.title': 'Privacy',
    'privacy.operator':
      'The organization that deployed this bot (the operator) runs it and is responsible for what it keeps. The bot sends your data only to the chat platform you use it from and to the mail server the operator configured.',
    'privacy.storesHeading': 'What the bot stores',
    'privacy.stores':
      'Chat identities: your platform, workspace or tenant, user ID, display name and language, and the conversation where the bot can reach you.\nOrganization records: enrollment applications and their answers, organizations, members and roles, indirect provider and reseller partnerships, invitations and customer relationship requests.\nEmails it sends: recipient, subject and content, kept to deliver and retry them.\nAn audit log: who did what and when, including refused attempts.',
    'privacy.noPasswords':
      'The bot never asks for or stores passwords or other sign-in credentials. Links in its emails are single-use; only a fingerprint (hash) of each link is stored.',
    'privacy.removalHeading': 'Seeing or removing your data',
    'privacy.removal':
      'To ask what the bot keeps about you, or to have it corrected or removed, contact the operator: they can export everything the bot keeps under your email address, or erase it (the audit log then keeps only a pseudonym). Conversations left unanswered for 30 days and the copies of sent emails are deleted after 30 days.',
    'terms.title': 'Terms of use',
    'terms.items':
      'The operator (the organization that deployed this bot) provides it and decides who may use it.\nUse it for your organization’s CSP partner work: enrollment, partnerships and customer relationships. Give true answers: the operator reviews what you submit.\nWhat you do through the bot is recorded (see Privacy).\nThe bot is provided as is; the operator may change or stop it at any time.\nQuestions about these terms: contact the operator.',
    'pages.privacy': 'Privacy',
    'pages.terms': 'Terms of use',
    'pages.home': 'About the bot',
  },
  {
    'about.title': 'CSP 合作夥伴機器人',
    'about.text':
      '協助間接模式 Microsoft 雲端解決方案提供者（CSP）合作夥伴的聊天機器人。在 Slack 或 Microsoft Teams 中，它可協助您註冊組織、邀請經銷商或授權間接提供者，以及要求客戶關係。機器人電子郵件中的連結會在此網站開啟。',
    'about.start': '這裡不需要登入：請在您的聊天應用程式中與機器人對話。',
    'about.more': '關於機器人的更多資訊',
    'privacy.title': '隱私權',
    'privacy.operator':
      '部署此機器人的組織（營運者）負責運作機器人，並對其保存的資料負責。機器人只會將您的資料傳送到您使用它的聊天平台，以及營運者設定的郵件伺服器。',
    'privacy.storesHeading': '機器人保存的資料',
    'privacy.stores':
      '聊天身分：您的平台、工作區或租用戶、使用者識別碼、顯示名稱與語言，以及機器人可以聯絡您的對話。\n組織記錄：註冊申請及其回答、組織、成員與角色、間接提供者與經銷商的合作關係、邀請，以及客戶關係要求。\n機器人寄出的電子郵件：收件者、主旨與內容，保存以便傳送及重試。\n稽核記錄：誰在何時做了什麼，包括遭拒絕的嘗試。',
    'privacy.noPasswords': '機器人絕不會要求或保存密碼或其他登入認證。電子郵件中的連結只能使用一次，且只保存每個連結的指紋（雜湊）。',
    'privacy.removalHeading': '查看或移除您的資料',
    'privacy.removal':
      '若要詢問機器人保存了您的哪些資料，或要求更正或移除，請聯絡營運者：營運者可以匯出機器人以您的電子郵件地址保存的所有資料，或將其清除（之後稽核記錄只保留化名）。30 天未回覆的對話，以及已寄出電子郵件的副本，會在 30 天後刪除。',
    'terms.title': '使用條款',
    'terms.items':
      '營運者（部署此機器人的組織）提供此機器人，並決定誰可以使用。\n請將其用於您組織的 CSP 合作夥伴事務：註冊、合作關係與客戶關係。請提供真實的回答：營運者會審查您提交的內容。\n您透過機器人進行的操作都會被記錄（請參閱隱私權）。\n機器人依「現狀」提供；營運者可隨時變更或停止。\n對這些條款有疑問：請聯絡營運者。',
    'pages.privacy': '隱私權',
    'pages.terms': '使用條款',
    'pages.home': '關於機器人',
  },
);

export function publicText(locale: Locale): Translate {
  return createTranslator(texts, locale);
}
