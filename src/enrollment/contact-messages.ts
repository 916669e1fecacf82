import { defineMessages } from '../i18n/translator.js';

/** The change of a reseller organization's primary contact (contact-change.ts). */
export const contactMessages = defineMessages(
  {
    'contact.help': 'name a new primary contact of your organization (global admins); the new address is verified first',
    'contact.none': 'none recorded',
    'contact.keeps': 'Until then the primary contact stays {previous}.',
    'contact.keeps.none': 'Until then nothing changes.',
    'contact.current': 'The primary contact of {legalName} is {current}.',
    'contact.current.none': 'No primary contact of {legalName} is recorded yet.',
    'contact.form.intro':
      'Fill in the new primary contact: we email them a verification link, and they take over once they confirm the address; until then nothing changes.',
    'contact.application.current':
      'The primary contact of application {id} is {email}, who has not confirmed the address yet. Fill in another primary contact: we email them a new verification link, and the link sent before stops working.',
    'contact.application.same':
      '{email} is already the primary contact of this application. To send them a new link, type resend-verification.',
    'contact.application.changed':
      'Application {id}: the primary contact is now {email}. We emailed them a verification link (it works for {days} days); the link sent to the previous address no longer works. The review starts once they confirm the address.',
    'contact.form.title': 'New primary contact of {legalName}',
    'contact.form.submit': 'Send the verification link',
    'contact.invalid': 'Nothing was changed:',
    'contact.requested':
      'We emailed a verification link to {email}. {name} becomes the primary contact of {legalName} once they confirm the address (the link works for {days} days). {keeps} Your organization’s other admins were told. This bot records the change; in Partner Center, change the primary contact under Account settings > Legal info too.',
    'contact.updated':
      'The primary contact of {legalName} is still {email}; their name and phone are now {name}, {phone}. This bot records the change; in Partner Center, change the primary contact under Account settings > Legal info too.',
    'contact.mail.subject': 'Please confirm your email address: primary contact of {legalName}',
    'contact.mail.body':
      'Hello {name},\n{requester} named you the primary contact of {legalName}, an indirect reseller in the Microsoft Cloud Solution Provider program, in the CSP partner bot.\nTo confirm that this address is yours, open the link below within {days} days and press “Confirm my address”. If you did not expect this email, ignore it: nothing changes.',
    'contact.mail.notice': 'The primary contact of {legalName}',
    'contact.notice.requested':
      '{requester} asked to make {name} ({email}) the primary contact of {legalName}: we emailed them a verification link. {keeps}',
    'contact.notice.changed': '{name} ({email}) confirmed the address and is now the primary contact of {legalName} (before: {previous}).',
    'contact.notice.replaced':
      'You are no longer the primary contact of {legalName} in the CSP partner bot: {name} ({email}) confirmed their address and took over. If you did not expect this, ask a global admin of your organization.',
    'contact.verify.confirm':
      'Confirm that {email} is your address, to become the primary contact of {legalName} (nothing happens until you press the button).',
    'contact.verify.ok': 'Thank you: {email} is confirmed. You are now the primary contact of {legalName}, and its admins were told.',
    'error.PRIMARY_CONTACT.GLOBAL_ADMIN_ONLY':
      'Only a global admin of {org} can change its primary contact. Ask one of its global admins ({admins}) to do it with primary-contact.',
  },
  {
    'contact.help': '為您的組織指定新的主要連絡人（全域管理員）；新的電子郵件地址會先經過驗證',
    'contact.none': '未記錄',
    'contact.keeps': '在此之前，主要連絡人仍是 {previous}。',
    'contact.keeps.none': '在此之前不會有任何變更。',
    'contact.current': '{legalName} 的主要連絡人是 {current}。',
    'contact.current.none': '尚未記錄 {legalName} 的主要連絡人。',
    'contact.form.intro': '請填寫新的主要連絡人：我們會以電子郵件傳送驗證連結給對方，對方確認地址後即接手；在此之前不會有任何變更。',
    'contact.application.current':
      '申請 {id} 的主要連絡人是 {email}，對方尚未確認地址。請填寫另一位主要連絡人：我們會以電子郵件傳送新的驗證連結給對方，先前傳送的連結將失效。',
    'contact.application.same': '{email} 已是此申請的主要連絡人。若要傳送新連結給對方，請輸入 resend-verification。',
    'contact.application.changed':
      '申請 {id}：主要連絡人現在是 {email}。我們已將驗證連結傳送給對方（連結在 {days} 天內有效）；傳送到先前地址的連結已失效。對方確認地址後即會開始審查。',
    'contact.form.title': '{legalName} 的新主要連絡人',
    'contact.form.submit': '傳送驗證連結',
    'contact.invalid': '沒有進行任何變更：',
    'contact.requested':
      '我們已將驗證連結傳送到 {email}。{name} 確認此地址後（連結在 {days} 天內有效），即成為 {legalName} 的主要連絡人。{keeps}我們已通知您組織的其他系統管理員。此機器人只記錄這項變更；請也在合作夥伴中心的「帳戶設定」>「法律資訊」中變更主要連絡人。',
    'contact.updated':
      '{legalName} 的主要連絡人仍是 {email}；其姓名和電話現在是 {name}、{phone}。此機器人只記錄這項變更；請也在合作夥伴中心的「帳戶設定」>「法律資訊」中變更主要連絡人。',
    'contact.mail.subject': '請確認您的電子郵件地址：{legalName} 的主要連絡人',
    'contact.mail.body':
      '{name} 您好：\n{requester} 在 CSP 合作夥伴機器人中將您指定為 {legalName}（Microsoft 雲端解決方案提供者計畫的間接經銷商）的主要連絡人。\n為確認此電子郵件地址屬於您，請在 {days} 天內開啟下方連結並按下「確認我的地址」。如果您沒有預期收到這封電子郵件，請忽略：不會有任何變更。',
    'contact.mail.notice': '{legalName} 的主要連絡人',
    'contact.notice.requested':
      '{requester} 要求將 {name}（{email}）設為 {legalName} 的主要連絡人：我們已以電子郵件傳送驗證連結給對方。{keeps}',
    'contact.notice.changed': '{name}（{email}）已確認地址，現在是 {legalName} 的主要連絡人（先前：{previous}）。',
    'contact.notice.replaced':
      '您在 CSP 合作夥伴機器人中已不再是 {legalName} 的主要連絡人：{name}（{email}）已確認其地址並接手。如果這不在您的預期中，請洽詢您組織的全域管理員。',
    'contact.verify.confirm': '請確認 {email} 是您的地址，以成為 {legalName} 的主要連絡人。在您按下按鈕之前，不會進行任何變更。',
    'contact.verify.ok': '謝謝：{email} 已確認，您現在是 {legalName} 的主要連絡人。我們已通知其系統管理員。',
    'error.PRIMARY_CONTACT.GLOBAL_ADMIN_ONLY':
      '只有 {org} 的全域管理員可以變更其主要連絡人。請要求其全域管理員（{admins}）使用 primary-contact 代為變更。',
  },
);
