import { defineMessages } from '../i18n/translator.js';

/** The `reminders` command and every reminder's text (terms from the seed's zh-TW side). */
export const reminderMessages = defineMessages(
  {
    'reminders.help.summary': 'What reminders are scheduled for your organization, and when',
    'reminders.none': 'No reminders are scheduled for {org}.',
    'reminders.title': 'Reminders scheduled for {org} (times in {zone})',
    'reminders.line': '• {when} — {kind}: {about} → {recipient}',
    'reminders.operator-title': 'All scheduled reminders (times in {zone})',
    'reminders.kind.dialog-nudge': 'unfinished enrollment, first nudge',
    'reminders.kind.dialog-nudge-again': 'unfinished enrollment, last nudge',
    'reminders.kind.verify-resend': 'primary contact not verified, fresh link',
    'reminders.kind.verify-tell-enroller': 'primary contact not verified, tell the applicant',
    'reminders.kind.review-status': 'application under review, status',
    'reminders.kind.more-info': 'more information requested',
    'reminders.kind.admin-agent': 'admin agent role not confirmed',
    'reminders.kind.invitation-reseller': 'partnership invitation unanswered, remind the reseller',
    'reminders.kind.invitation-provider': 'partnership invitation unanswered, tell the provider',
    'reminders.kind.customer-request': 'customer request unanswered, first reminder',
    'reminders.kind.access-expiring': 'customer access ends in 30 days, tell the reseller',
    'reminders.kind.access-expiring-soon': 'customer access ends in 7 days, tell the reseller',
    'reminders.kind.access-expiring-provider': 'customer access ends in 30 days, tell the provider',
    'reminders.kind.access-expiring-provider-soon': 'customer access ends in 7 days, tell the provider',
    'reminders.kind.customer-request-again': 'customer request unanswered, second reminder',
    'reminders.kind.customer-request-lapse': 'customer request lapses, tell the reseller',

    'reminder.button.resend-link': 'Send a new verification link',
    'reminder.button.resend-invitation': 'Resend the invitation',
    'reminder.button.approve': 'Approve',
    'reminder.button.decline': 'Decline',
    'reminder.button.keep': 'Keep it',
    'reminder.decline.title': 'Decline the request?',
    'reminder.decline.text': '{reseller} will be told that you declined.',
    'reminder.dialog-nudge.subject': 'Your reseller enrollment is not finished',
    'reminder.dialog-nudge.text':
      'You started enrolling as an indirect reseller in the Cloud Solution Provider program but did not finish. Reply here to continue where you left off — your answers are saved.',
    'reminder.dialog-nudge-again.subject': 'Last reminder: your reseller enrollment is not finished',
    'reminder.dialog-nudge-again.text':
      'Your indirect reseller enrollment is still waiting for your answers. Reply here to continue; this is the last reminder.',
    'reminder.verify-resend.subject': 'Please verify your email for the reseller enrollment',
    'reminder.verify-resend.text':
      'You were named primary contact of {legalName} in an indirect reseller enrollment. Please confirm your email address with the link in the verification email we sent you; the review starts once it is confirmed.',
    'reminder.verify-tell-enroller.subject': 'The primary contact has not verified the email yet',
    'reminder.verify-tell-enroller.text':
      '{email}, the primary contact of your enrollment for {legalName}, has not confirmed the email address yet. Review cannot start until they do: ask them to look for the verification email (also in the spam folder); resend-verification sends a new one, or change the primary contact with primary-contact.',
    'reminder.review-status.subject': 'Your enrollment is still under review',
    'reminder.review-status.text':
      'Your indirect reseller enrollment for {legalName} is still under review. Checking your details can take several days; the primary contact gets an email as soon as the review is complete.',
    'reminder.more-info.subject': 'More information is needed for your enrollment',
    'reminder.more-info.text':
      'The review of your enrollment for {legalName} is waiting for your answer to: “{question}”. Reply in the chat with your answer: your next message there is sent to the reviewer.',
    'reminder.admin-agent.subject': 'Please confirm the admin agent role',
    'reminder.admin-agent.text':
      '{legalName} was accepted as an indirect reseller. Please confirm who holds the admin agent role in your organization so you can work with indirect providers.',
    'reminder.invitation-reseller.subject': '{provider} is waiting for your answer',
    'reminder.invitation-reseller.text':
      '{provider} invited {email} to a partnership as your indirect provider. An admin of your organization can authorize or decline the invitation from the invitation email or in chat.',
    'reminder.invitation-provider.subject': 'Your invitation to {email} is still unanswered',
    'reminder.invitation-provider.text':
      'The partnership invitation you sent to {email} on {sentOn} has not been answered. You can resend it, or contact the reseller directly.',
    'reminder.access-expiring.subject': 'Your access to {customer} ends on {until}',
    'reminder.access-expiring.text':
      'Your reseller relationship with {customer} is time-bound and ends on {until}; it is not renewed by itself. To keep working with them, send a new request before then: invite-customer {email}',
    'reminder.access-expiring-provider.subject': 'Your right to order for {customer} ends on {until}',
    'reminder.access-expiring-provider.text':
      'You can submit orders for {customer}, shared with {reseller}, until {until}; the access is time-bound and not renewed by itself. To keep it, {reseller} sends the customer a new request with you (invite-customer --with-provider).',
    'reminder.customer-request.subject': '{reseller} is waiting for your answer',
    'reminder.customer-request.text':
      '{reseller} asked to become your Cloud Solution Provider reseller. Please accept or decline the relationship request from the email you received.',
    'reminder.customer-request-again.subject': 'Reminder: {reseller} is waiting for your answer',
    'reminder.customer-request-again.text':
      '{reseller} is still waiting for your answer to their reseller relationship request. It lapses if it is not accepted within {days} days.',
    'reminder.customer-request-lapse.subject': 'Your request to {customer} has lapsed',
    'reminder.customer-request-lapse.text':
      '{customer} did not accept your reseller relationship request within {days} days, so it has lapsed. You can send a new request.',
  },
  {
    'reminders.help.summary': '查看為您的組織排定了哪些提醒，以及提醒的時間',
    'reminders.none': '{org} 目前沒有排定的提醒。',
    'reminders.title': '為 {org} 排定的提醒（時間為 {zone}）',
    'reminders.line': '• {when} — {kind}：{about} → {recipient}',
    'reminders.operator-title': '所有排定的提醒（時間為 {zone}）',
    'reminders.kind.dialog-nudge': '註冊未完成，第一次提醒',
    'reminders.kind.dialog-nudge-again': '註冊未完成，最後一次提醒',
    'reminders.kind.verify-resend': '主要連絡人尚未驗證，傳送新連結',
    'reminders.kind.verify-tell-enroller': '主要連絡人尚未驗證，通知申請人',
    'reminders.kind.review-status': '申請審查中，狀態通知',
    'reminders.kind.more-info': '已要求提供更多資訊',
    'reminders.kind.admin-agent': '尚未確認系統管理代理人角色',
    'reminders.kind.invitation-reseller': '合夥關係邀請尚未回覆，提醒經銷商',
    'reminders.kind.invitation-provider': '合夥關係邀請尚未回覆，通知提供者',
    'reminders.kind.customer-request': '客戶要求尚未回覆，第一次提醒',
    'reminders.kind.access-expiring': '客戶存取權 30 天後結束，通知經銷商',
    'reminders.kind.access-expiring-soon': '客戶存取權 7 天後結束，通知經銷商',
    'reminders.kind.access-expiring-provider': '客戶存取權 30 天後結束，通知提供者',
    'reminders.kind.access-expiring-provider-soon': '客戶存取權 7 天後結束，通知提供者',
    'reminders.kind.customer-request-again': '客戶要求尚未回覆，第二次提醒',
    'reminders.kind.customer-request-lapse': '客戶要求已失效，通知經銷商',

    'reminder.button.resend-link': '重新傳送驗證連結',
    'reminder.button.resend-invitation': '重新傳送邀請',
    'reminder.button.approve': '核准',
    'reminder.button.decline': '拒絕',
    'reminder.button.keep': '保留',
    'reminder.decline.title': '要拒絕此要求嗎？',
    'reminder.decline.text': '我們會通知 {reseller} 您已拒絕。',
    'reminder.dialog-nudge.subject': '您的經銷商註冊尚未完成',
    'reminder.dialog-nudge.text':
      '您已開始在雲端解決方案提供者計畫中註冊為間接經銷商，但尚未完成。請在這裡回覆，從上次停下的地方繼續；您的答案都已儲存。',
    'reminder.dialog-nudge-again.subject': '最後提醒：您的經銷商註冊尚未完成',
    'reminder.dialog-nudge-again.text': '您的間接經銷商註冊仍在等待您的答案。請在這裡回覆以繼續；這是最後一次提醒。',
    'reminder.verify-resend.subject': '請驗證您用於經銷商註冊的電子郵件',
    'reminder.verify-resend.text':
      '您在 {legalName} 的間接經銷商註冊中被指定為主要連絡人。請使用我們寄給您的驗證電子郵件中的連結確認您的電子郵件地址；確認後即會開始審查。',
    'reminder.verify-tell-enroller.subject': '主要連絡人尚未驗證電子郵件',
    'reminder.verify-tell-enroller.text':
      '{legalName} 註冊的主要連絡人 {email} 尚未確認電子郵件地址。在對方確認之前無法開始審查：請對方查看驗證電子郵件（包括垃圾郵件資料夾）；輸入 resend-verification 可傳送新的驗證電子郵件，或使用 primary-contact 變更主要連絡人。',
    'reminder.review-status.subject': '您的註冊仍在審查中',
    'reminder.review-status.text':
      '您為 {legalName} 提出的間接經銷商註冊仍在審查中。審查並確認您提供的資訊可能需要數天；審查完成後，我們會傳送電子郵件通知您的主要連絡人。',
    'reminder.more-info.subject': '您的註冊需要更多資訊',
    'reminder.more-info.text':
      '{legalName} 註冊的審查正在等待您回答：「{question}」。請在聊天中回覆您的答案：您在該處的下一則訊息會傳送給審查人員。',
    'reminder.admin-agent.subject': '請確認系統管理代理人角色',
    'reminder.admin-agent.text': '{legalName} 已獲接受成為間接經銷商。請確認您組織中由誰擔任系統管理代理人角色，以便與間接提供者合作。',
    'reminder.invitation-reseller.subject': '{provider} 正在等待您的回覆',
    'reminder.invitation-reseller.text':
      '{provider} 邀請 {email} 與其建立合夥關係，成為您的間接提供者。您組織的系統管理員可以從邀請電子郵件或在聊天中授權或拒絕此邀請。',
    'reminder.invitation-provider.subject': '您傳送給 {email} 的邀請尚未獲得回覆',
    'reminder.invitation-provider.text': '您於 {sentOn} 傳送給 {email} 的合夥關係邀請尚未獲得回覆。您可以重新傳送，或直接連絡該經銷商。',
    'reminder.access-expiring.subject': '您對 {customer} 的存取權將於 {until} 結束',
    'reminder.access-expiring.text':
      '您與 {customer} 的經銷商關係有時間限制，將於 {until} 結束，且不會自動續約。若要繼續合作，請在此之前傳送新的要求：invite-customer {email}',
    'reminder.access-expiring-provider.subject': '您代表 {customer} 提交訂單的權限將於 {until} 結束',
    'reminder.access-expiring-provider.text':
      '您可以代表與 {reseller} 共用的客戶 {customer} 提交訂單，直到 {until}；此存取權有時間限制，且不會自動續約。若要保留，{reseller} 需與您一起向客戶傳送新的要求（invite-customer --with-provider）。',
    'reminder.customer-request.subject': '{reseller} 正在等待您的回覆',
    'reminder.customer-request.text': '{reseller} 要求成為您的雲端解決方案提供者經銷商。請從您收到的電子郵件接受或拒絕此經銷商關係要求。',
    'reminder.customer-request-again.subject': '提醒：{reseller} 正在等待您的回覆',
    'reminder.customer-request-again.text': '{reseller} 仍在等待您回覆其經銷商關係要求。若 {days} 天內未接受，此要求將會失效。',
    'reminder.customer-request-lapse.subject': '您對 {customer} 的要求已失效',
    'reminder.customer-request-lapse.text': '{customer} 未在 {days} 天內接受您的經銷商關係要求，因此該要求已失效。您可以傳送新的要求。',
  },
);
