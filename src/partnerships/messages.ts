import { defineMessages } from '../i18n/translator.js';

/** Flow 2 messages; zh-TW terms from the seed: 間接提供者, 間接經銷商, 授權間接提供者, 租用戶, 系統管理員存取. */
export const partnershipMessages = defineMessages(
  {
    'partnership.help.invite': 'Invite a reseller to authorize you as their indirect provider (provider admins)',
    'partnership.help.resellers': 'Your indirect resellers and open invitations',
    'partnership.help.providers': 'Your indirect providers, the customers you share and how to invite new ones',
    'partnership.help.remove': 'End a partnership with a reseller or with your indirect provider (admins)',
    'partnership.invite.headline':
      '*{provider}* ({inviter}) invites {email} to authorize {provider} as your indirect provider in the Cloud Solution Provider program.',
    'partnership.invite.message': 'Message from {inviter}: “{message}”',
    'partnership.consent.text':
      'When you authorize {provider} as your indirect provider:\n• {provider} may *submit orders and add subscriptions on behalf of your customers*;\n• {provider} gets *administrator access to your organization’s tenant* (Microsoft Entra ID).\nYour admins can end the partnership later with remove-partnership; {provider}’s administrator access to your tenant is removed at Microsoft. This invitation is open until {expires}.',
    'partnership.consent.title': 'Authorize {provider} as your indirect provider',
    'partnership.consent.label': 'Your consent',
    'partnership.consent.checkbox':
      'I agree that {provider} may submit orders and add subscriptions on behalf of our customers and gets administrator access to our tenant.',
    'partnership.button.authorize': 'Authorize indirect provider',
    'partnership.button.decline': 'Decline',
    'partnership.button.keep': 'Cancel',
    'partnership.button.resend': 'Resend the invitation',
    'partnership.button.remove': 'Remove partnership',
    'partnership.button.end': 'End partnership',
    'partnership.button.viewCustomers': 'View customers',
    'partnership.decline.confirmTitle': 'Decline the invitation?',
    'partnership.decline.confirmText': '{provider} will be told that you declined. They can invite you again later.',
    'partnership.invite.sentChatAndEmail': 'by email and in chat',
    'partnership.invite.sentEmail': 'by email',
    'partnership.invite.sent':
      'I sent the invitation to {email} ({how}). Their reseller organization’s admin must tick the consent box and select Authorize indirect provider before {expires}. See it in “resellers”.',
    'partnership.invite.linkLine': 'Your personal link (do not forward it): {link}',
    'partnership.mail.subject': '{provider} invites you to authorize them as your indirect provider',
    'partnership.mail.open': 'Open your invitation',
    'partnership.mail.body':
      '{inviter} at {provider} invites you to authorize {provider} as your indirect provider in the Microsoft Cloud Solution Provider (CSP) program.\n\nOpen your personal link below, sign in, read what you would grant, tick the consent box and select Authorize indirect provider. The link works until {expires}; do not forward it.',
    'partnership.notify.authorized':
      '{reseller} authorized you as their indirect provider in this bot; they now appear in your “resellers” list. In Partner Center the partnership exists once they accept your Partner Center invitation (Authorize indirect provider); they then appear on your Indirect resellers page.',
    'partnership.notify.declined': '{reseller} declined your invitation to be their indirect provider.',
    'partnership.notify.removed':
      '{provider} ended its partnership with you: it is no longer your indirect provider. No legal notice is sent by Microsoft or by this bot; contact them if this is unexpected.',
    'partnership.authorized':
      'Recorded: {provider} is now your indirect provider in this bot. It appears in your “providers” list; from there you can view the customers you share and invite new customers together. In Partner Center, the partnership is made when you follow the link in {provider}’s Partner Center invitation email, tick the box and select Authorize indirect provider; {provider} then appears on your Indirect providers page.',
    'partnership.declined': 'You declined the invitation from {provider}. They have been told.',
    'partnership.resent': 'I sent a new link to {email}; the previous link no longer works. The invitation is open until {expires}.',
    'partnership.resellers.title': 'Indirect resellers of {provider} ({count}):',
    'partnership.resellers.none': 'No reseller has authorized you yet. Invite one with “invite-reseller <email>”.',
    'partnership.field.since': 'Partners since',
    'partnership.pendingTitle': 'Invitations waiting for an answer:',
    'partnership.pendingLine': '• {email} — open until {expires}',
    'partnership.providers.title': 'Your indirect providers ({count}):',
    'partnership.providers.none': 'You have no indirect provider yet. Use “find-provider” to see the providers in your country.',
    'partnership.providers.invite': 'Invite new customers with {provider}: invite-customer <email> --with-provider "{provider}"',
    'partnership.remove.warning':
      'Remove the partnership with {reseller}? You will no longer be their indirect provider: you can no longer submit orders for the customers you share with them, and the reseller and those customers’ admins will be told. No legal notice is sent: make sure your agreements with them allow ending it now.',
    'partnership.remove.warningByReseller':
      'End the partnership with {provider}? It will no longer be your indirect provider: it can no longer submit orders for the customers you share, and {provider} and those customers’ admins will be told. No legal notice is sent: make sure your agreements with them allow ending it now.',
    'partnership.remove.confirmTitleByReseller': 'End the partnership with {provider}?',
    'partnership.removedByReseller':
      'The partnership with {provider} has ended. Its admins and the admins of the customers you shared have been told.',
    'partnership.notify.removedByReseller':
      '{reseller} ended its partnership with you: you are no longer its indirect provider and can no longer submit orders for the customers you shared through it; their admins were told. No legal notice is sent by Microsoft or by this bot; contact them if this is unexpected.',
    'partnership.remove.confirmTitle': 'Remove {reseller}?',
    'partnership.removed': 'The partnership with {reseller} has ended. Their admins have been told.',
    'partnership.link.replaced': 'This invitation link was replaced by a newer one. Please use the link in the latest email.',
    'error.INVITATION.UNKNOWN': 'I couldn’t find that invitation. It may have been withdrawn.',
    'error.INVITATION.EXPIRED': 'This invitation has lapsed. Ask the sender for a new one.',
    'error.INVITATION.ALREADY_AUTHORIZED': 'This invitation was already accepted. Nothing more was changed.',
    'error.INVITATION.ALREADY_DECLINED': 'This invitation was already declined. Nothing more was changed.',
    'error.INVITATION.ANSWERED_CONCURRENTLY': 'This was just answered by someone else (or in another window). Nothing more was changed.',
    'error.PARTNERSHIP.RESELLER_NOT_ENROLLED':
      'The invited address does not belong to an enrolled indirect reseller yet. Finish your reseller enrollment first, then open the invitation again.',
    'error.PARTNERSHIP.NOT_INVITED_ADMIN': 'Only an admin of the invited reseller organization can answer this invitation.',
    'error.PARTNERSHIP.REGION_MISMATCH':
      'A provider and a reseller must be in the same country/region: the reseller is in {resellerCountry}, the provider in {providerCountry}.',
    'error.PARTNERSHIP.CONSENT_REQUIRED': 'Tick the box to confirm what you authorize, then select Authorize indirect provider.',
    'error.PARTNERSHIP.EMAIL_INVALID': '“{value}” is not an email address. Usage: invite-reseller <email> [message]',
    'error.PARTNERSHIP.ALREADY_PARTNERS': '{name} is already one of your indirect resellers.',
    'error.PARTNERSHIP.PENDING': 'An invitation to {email} is already waiting for an answer. You can send it again with a new link.',
    'error.PARTNERSHIP.ALREADY_REMOVED': 'That partnership has already ended.',
    'error.PARTNERSHIP.NOT_RESELLER':
      'Only members of an indirect reseller organization can do that, and you are not in one here. If your company resells, type enroll to enroll it as an indirect reseller; if it is already enrolled, ask one of its admins to add you with grant.',
    'error.PROVIDER.NOT_MEMBER':
      'Only members of an indirect provider organization can do that, and you are not in one here. Ask an admin of your provider to add you with grant; a new provider is registered by this bot’s operators (provider add).',
  },
  {
    'partnership.help.invite': '邀請經銷商授權您成為其間接提供者（提供者的系統管理員）',
    'partnership.help.resellers': '您的間接經銷商與尚未回覆的邀請',
    'partnership.help.providers': '您的間接提供者、共用的客戶，以及如何邀請新客戶',
    'partnership.help.remove': '結束與經銷商或與您的間接提供者的合夥關係（系統管理員）',
    'partnership.invite.headline': '*{provider}*（{inviter}）邀請 {email} 授權 {provider} 成為您在雲端解決方案提供者計畫中的間接提供者。',
    'partnership.invite.message': '{inviter} 的訊息：「{message}」',
    'partnership.consent.text':
      '當您授權 {provider} 成為您的間接提供者時：\n• {provider} 可以*代表您的客戶提交訂單及新增訂閱*；\n• {provider} 會取得*您組織租用戶（Microsoft Entra ID）的系統管理員存取*。\n您的系統管理員之後可以使用 remove-partnership 結束合夥關係；{provider} 對您租用戶的系統管理員存取則需在 Microsoft 移除。此邀請的有效期限至 {expires}。',
    'partnership.consent.title': '授權 {provider} 成為您的間接提供者',
    'partnership.consent.label': '您的同意',
    'partnership.consent.checkbox': '我同意 {provider} 代表我們的客戶提交訂單及新增訂閱，並取得我們租用戶的系統管理員存取。',
    'partnership.button.authorize': '授權間接提供者',
    'partnership.button.decline': '拒絕',
    'partnership.button.keep': '取消',
    'partnership.button.resend': '重新傳送邀請',
    'partnership.button.remove': '移除合夥關係',
    'partnership.button.end': '結束合夥關係',
    'partnership.button.viewCustomers': '檢視客戶',
    'partnership.decline.confirmTitle': '要拒絕此邀請嗎？',
    'partnership.decline.confirmText': '我們會通知 {provider} 您已拒絕。他們之後可以再次邀請您。',
    'partnership.invite.sentChatAndEmail': '透過電子郵件和聊天',
    'partnership.invite.sentEmail': '透過電子郵件',
    'partnership.invite.sent':
      '我已將邀請傳送給 {email}（{how}）。其經銷商組織的系統管理員必須在 {expires} 之前選取同意核取方塊，然後選取 [授權間接提供者]。您可以在「resellers」中查看。',
    'partnership.invite.linkLine': '您的個人化連結（請勿轉寄）：{link}',
    'partnership.mail.subject': '{provider} 邀請您授權他們成為您的間接提供者',
    'partnership.mail.open': '開啟您的邀請',
    'partnership.mail.body':
      '{provider} 的 {inviter} 邀請您授權 {provider} 成為您在 Microsoft 雲端解決方案提供者 (CSP) 計畫中的間接提供者。\n\n請開啟下方的個人化連結並登入，閱讀您將授與的權限，選取同意核取方塊，然後選取 [授權間接提供者]。此連結的有效期限至 {expires}；請勿轉寄。',
    'partnership.notify.authorized':
      '{reseller} 已在此機器人中授權您成為其間接提供者；他們現在會列在您的「resellers」清單中。在合作夥伴中心，對方接受您的合作夥伴中心邀請（[授權間接提供者]）後，合夥關係才會成立；之後他們會列在您的 [間接經銷商] 頁面。',
    'partnership.notify.declined': '{reseller} 已拒絕您成為其間接提供者的邀請。',
    'partnership.notify.removed':
      '{provider} 已結束與您的合夥關係：它不再是您的間接提供者。Microsoft 和此機器人都不會寄送法律通知；如有疑問，請與對方聯繫。',
    'partnership.authorized':
      '已記錄：{provider} 現在是您在此機器人中的間接提供者。它會列在您的「providers」清單中；您可以從該處檢視共用的客戶，並一起邀請新客戶。在合作夥伴中心，您需跟隨 {provider} 的合作夥伴中心邀請電子郵件中的連結，選取核取方塊，然後選取 [授權間接提供者]，合夥關係才會成立；之後 {provider} 會列在您的 [間接提供者] 頁面。',
    'partnership.declined': '您已拒絕 {provider} 的邀請。我們已通知對方。',
    'partnership.resent': '我已傳送新的連結給 {email}；先前的連結已失效。此邀請的有效期限至 {expires}。',
    'partnership.resellers.title': '{provider} 的間接經銷商（{count}）：',
    'partnership.resellers.none': '還沒有經銷商授權您。請使用「invite-reseller <email>」邀請經銷商。',
    'partnership.field.since': '合夥開始日期',
    'partnership.pendingTitle': '等待回覆的邀請：',
    'partnership.pendingLine': '• {email} — 有效期限至 {expires}',
    'partnership.providers.title': '您的間接提供者（{count}）：',
    'partnership.providers.none': '您還沒有間接提供者。請使用「find-provider」查看您所在國家/地區的提供者。',
    'partnership.providers.invite': '與 {provider} 一起邀請新客戶：invite-customer <email> --with-provider "{provider}"',
    'partnership.remove.warning':
      '要移除與 {reseller} 的合夥關係嗎？您將不再是他們的間接提供者：您無法再代表與他們共用的客戶提交訂單，我們會通知該經銷商及這些客戶的系統管理員。不會寄送任何法律通知：請確定您與對方的合約允許現在結束合夥關係。',
    'partnership.remove.warningByReseller':
      '要結束與 {provider} 的合夥關係嗎？它將不再是您的間接提供者：它無法再代表您們共用的客戶提交訂單，我們會通知 {provider} 及這些客戶的系統管理員。不會寄送任何法律通知：請確定您與對方的合約允許現在結束合夥關係。',
    'partnership.remove.confirmTitleByReseller': '要結束與 {provider} 的合夥關係嗎？',
    'partnership.removedByReseller': '與 {provider} 的合夥關係已結束。我們已通知其系統管理員及您們共用之客戶的系統管理員。',
    'partnership.notify.removedByReseller':
      '{reseller} 已結束與您的合夥關係：您不再是其間接提供者，也無法再代表透過它共用的客戶提交訂單；我們已通知這些客戶的系統管理員。Microsoft 和此機器人都不會寄送法律通知；如有疑問，請與對方聯繫。',
    'partnership.remove.confirmTitle': '要移除 {reseller} 嗎？',
    'partnership.removed': '與 {reseller} 的合夥關係已結束。我們已通知其系統管理員。',
    'partnership.link.replaced': '此邀請連結已由較新的連結取代。請使用最新電子郵件中的連結。',
    'error.INVITATION.UNKNOWN': '找不到該邀請。它可能已被撤回。',
    'error.INVITATION.EXPIRED': '此邀請已失效。請向寄件者索取新的邀請。',
    'error.INVITATION.ALREADY_AUTHORIZED': '此邀請已被接受。沒有進行其他變更。',
    'error.INVITATION.ALREADY_DECLINED': '此邀請已被拒絕。沒有進行其他變更。',
    'error.INVITATION.ANSWERED_CONCURRENTLY': '其他人（或另一個視窗）剛剛已回覆此項目。沒有進行其他變更。',
    'error.PARTNERSHIP.RESELLER_NOT_ENROLLED': '受邀的地址還不屬於已註冊的間接經銷商。請先完成經銷商註冊，然後再次開啟邀請。',
    'error.PARTNERSHIP.NOT_INVITED_ADMIN': '只有受邀經銷商組織的系統管理員可以回覆此邀請。',
    'error.PARTNERSHIP.REGION_MISMATCH':
      '提供者和經銷商必須位於相同的國家/地區：經銷商位於 {resellerCountry}，提供者位於 {providerCountry}。',
    'error.PARTNERSHIP.CONSENT_REQUIRED': '請選取核取方塊以確認您授與的權限，然後選取 [授權間接提供者]。',
    'error.PARTNERSHIP.EMAIL_INVALID': '「{value}」不是電子郵件地址。用法：invite-reseller <email> [message]',
    'error.PARTNERSHIP.ALREADY_PARTNERS': '{name} 已經是您的間接經銷商。',
    'error.PARTNERSHIP.PENDING': '寄給 {email} 的邀請仍在等待回覆。您可以使用新的連結再次傳送。',
    'error.PARTNERSHIP.ALREADY_REMOVED': '該合夥關係已經結束。',
    'error.PARTNERSHIP.NOT_RESELLER':
      '只有間接經銷商組織的成員可以執行此操作，而您在此不屬於任何間接經銷商組織。如果您的公司從事轉售，請輸入 enroll 將其註冊為間接經銷商；如果已經註冊，請要求其系統管理員使用 grant 將您加入。',
    'error.PROVIDER.NOT_MEMBER':
      '只有間接提供者組織的成員可以執行此操作，而您在此不屬於任何間接提供者組織。請要求您提供者的系統管理員使用 grant 將您加入；新的提供者由此機器人的營運人員登錄（provider add）。',
  },
);
