import type { Locale } from '../core/events.js';

/**
 * The commands in Traditional Chinese, in the seed's words where it has them (邀請新客戶, 間接提供者 …):
 * anyone may type either name; help shows zh-TW users both.
 */
export const ZH_TW_COMMANDS: Readonly<Record<string, string>> = {
  help: '說明',
  enroll: '註冊',
  status: '狀態',
  'resend-verification': '重新傳送驗證',
  'reply-review': '回覆審查',
  appeal: '申訴',
  'primary-contact': '變更主要連絡人',
  review: '審查',
  provider: '提供者',
  'find-provider': '尋找提供者',
  providers: '間接提供者',
  resellers: '間接經銷商',
  'invite-reseller': '邀請經銷商',
  'remove-partnership': '結束合夥關係',
  customers: '客戶',
  partners: '合作夥伴',
  invitations: '邀請',
  'invite-customer': '邀請新客戶',
  'remove-customer': '結束客戶關係',
  'end-access': '結束存取權',
  members: '成員',
  grant: '授與角色',
  revoke: '撤銷角色',
  audit: '稽核記錄',
  reminders: '提醒',
};

const BY_ALIAS = new Map(Object.entries(ZH_TW_COMMANDS).map(([name, alias]) => [alias, name]));

/** The command a typed name stands for: the English name itself, or the one a Chinese alias names. */
export const commandNamed = (typed: string): string => BY_ALIAS.get(typed) ?? typed.toLowerCase();

/** A command's usage as help shows it: with its Chinese name for zh-TW users. */
export function usageIn(locale: Locale, name: string, usage: string): string {
  const alias = locale === 'zh-TW' ? ZH_TW_COMMANDS[name] : undefined;
  return alias ? usage.replace(/^\S+/, (english) => `${english}（${alias}）`) : usage;
}
