/**
 * The zh-TW words of the seed (../shared/seed/seed-zh-TW.md, the Partner Center page the product is built
 * from): a zh-TW message says `zh` wherever its English says `en`, and never one of `avoid`.
 * test/unit/glossary.unit.test.ts holds both catalogs to it.
 */
export interface GlossaryTerm {
  /** How the English catalog says it (matched case-insensitively, as whole words). */
  en: RegExp;
  /** The seed's word. */
  zh: string;
  /** Variants a translator might reach for, which the seed does not use. */
  avoid: readonly string[];
  /**
   * Another term's seed word for a different thing, wrong in a message that names only this thing (its
   * English does not name the other one).
   */
  notToBeConfusedWith?: string;
}

export const GLOSSARY: readonly GlossaryTerm[] = [
  // "與間接提供者建立合夥關係": provider ↔ reseller.
  { en: /\bpartnerships?\b/i, zh: '合夥關係', avoid: ['合作關係', '夥伴關係'], notToBeConfusedWith: '經銷商關係' },
  // "經銷商關係": reseller (and provider) ↔ customer.
  { en: /\breseller relationships?\b/i, zh: '經銷商關係', avoid: ['轉售商關係', '經銷關係'] },
  // "您組織的法律公司名稱".
  { en: /\blegal (business )?name\b/i, zh: '法律公司名稱', avoid: ['公司法定名稱', '法定名稱', '法定公司名稱'] },
  // "主要連絡人".
  { en: /\bprimary contact\b/i, zh: '主要連絡人', avoid: ['聯絡人', '主要聯繫人'] },
  // "客戶支援連絡資訊".
  { en: /\bcustomer support\b/i, zh: '客戶支援', avoid: ['客服支援', '顧客支援'] },
  { en: /\bindirect providers?\b/i, zh: '間接提供者', avoid: ['間接供應商', '間接提供商'] },
  { en: /\bindirect resellers?\b/i, zh: '間接經銷商', avoid: ['間接轉售商', '間接經銷者'] },
  { en: /\bglobal admin(istrator)?s?\b/i, zh: '全域管理員', avoid: ['全域系統管理員', '全球管理員', '全局管理員'] },
  { en: /\badmin agents?\b/i, zh: '系統管理代理人', avoid: ['管理員代理', '管理代理人員'] },
  { en: /\btenants?\b/i, zh: '租用戶', avoid: ['租戶'] },
  { en: /\bPartner Center\b/, zh: '合作夥伴中心', avoid: ['合作伙伴中心', '夥伴中心入口'] },
];
