import { defineMessages } from '../i18n/translator.js';
import { PARTNER_CENTER } from '../shared/partner-center-links.js';

/** The enrollment dialog's texts. zh-TW uses the seed's Partner Center terms. */
export const enrollmentDialogMessages = defineMessages(
  {
    'enrollment.welcome.title': 'Enroll as a new indirect reseller in the Cloud Solution Provider (CSP) program',
    'enrollment.welcome.body':
      'Before you begin, gather these items (it takes a few minutes):\n' +
      '• Your organization’s Microsoft Entra (Azure AD) tenant: its tenant ID or its *.onmicrosoft.com domain. If you don’t have a tenant, I’ll show you how to create one. Sign-in always happens on Microsoft’s own page: I will never ask for a password, an MFA code or admin credentials.\n' +
      '• Your organization’s PartnerID (formerly MPN ID), located in the same country/region as your tenant.\n' +
      '• Your organization’s legal business name and address.\n' +
      '• A primary contact (name, work email, phone) and your customer support contact (email, phone, website).\n' +
      'It can take several days to review and verify what you provide. We’ll email your primary contact when we’ve completed our review.',
    'enrollment.welcome.about': `I am a helper bot, not Microsoft: I record your application, pass it to this bot’s reviewers and remind the people involved. Your enrollment in Microsoft’s CSP program itself happens in Partner Center: ${PARTNER_CENTER.enroll}`,
    'enrollment.welcome.shortcut':
      'Already enrolled in CSP? Then you only need to provide your customer support contact details, plus, once, what this bot needs to know your organization (it cannot read Partner Center): its legal business name and country/region (shown to your partners; CSP pairs only organizations of one country/region), its PartnerID (how this bot’s reviewers find it in Partner Center, and how it is never enrolled twice), and your primary contact’s work email, where the verification goes.',
    'enrollment.welcome.choose': 'Press Start enrollment (or type start), or Already enrolled in CSP.',
    'enrollment.button.start': 'Start enrollment',
    'enrollment.button.shortcut': 'Already enrolled in CSP',
    'enrollment.button.cancel': 'Cancel',
    'enrollment.button.cancel-yes': 'Yes, cancel the enrollment',
    'enrollment.button.resume': 'Keep going',
    'enrollment.waiting': 'You have an enrollment in progress: type resume (or press Keep going) to go back to it.',
    'enrollment.button.back': 'Back',
    'enrollment.button.skip': 'Skip',
    'enrollment.button.no-tenant': 'I don’t have a tenant',
    'enrollment.button.sign-in': 'Sign in to Microsoft Entra',
    'enrollment.button.create-tenant': 'Create new tenant',
    'enrollment.button.same-country': 'Same as the address: {country}',
    'enrollment.button.edit': 'Edit: {field}',
    'enrollment.button.submit': 'Enroll now',
    'enrollment.step': 'Step {n} of {total}',
    'enrollment.current': 'Current answer: {value}',
    'enrollment.optional': 'Optional: type skip or press Skip if it does not apply.',
    'enrollment.skipped': '(skipped)',
    'enrollment.secret':
      '🔒 That looks like a password or a security code, so I did not keep it. I never need passwords, MFA codes or admin credentials: you sign in on Microsoft’s own page only. If you shared a real password, consider changing it. Please answer the question below.',
    'enrollment.tenant.sign-in':
      'Not sure? Sign in to Microsoft Entra as a global administrator (button below, on Microsoft’s site) and copy the tenant ID from the overview page. Type “I don’t have one” if your organization has no tenant.',
    'enrollment.tenant-create.body':
      'No tenant yet? Select Create new tenant (it opens Microsoft’s sign-up page, where you choose a name such as contoso.onmicrosoft.com and become its global administrator). Then come back here.',
    'enrollment.form.address': 'Business address',
    'enrollment.form.primary': 'Primary contact',
    'enrollment.form.support': 'Customer support contact',
    'enrollment.form.submit': 'Save and continue',
    'enrollment.summary.title': 'Your enrollment details',
    'enrollment.summary.intro':
      'Please check every answer. Press an Edit button (or type edit <field>) to change one, then press Enroll now.',
    'enrollment.summary.choose': 'Press Enroll now to submit, or Edit to change an answer.',
    'enrollment.summary.path': 'Enrollment type',
    'enrollment.path.new': 'New indirect reseller',
    'enrollment.path.already-enrolled': 'Already enrolled in CSP',
    'enrollment.stepname.welcome': 'Welcome',
    'enrollment.stepname.tenant-create': 'Create a tenant',
    'enrollment.stepname.summary': 'Summary',
    'enrollment.help':
      'You are enrolling as an indirect reseller. Answer the question, or type:\n• back: the previous question\n• edit <field>: change an answer (e.g. edit city)\n• skip: leave an optional field empty\n• status: where you are\n• cancel: stop and delete your answers',
    'enrollment.status.dialog':
      'You are enrolling as an indirect reseller: step {n} of {total} ({field}). Your answers are saved; continue whenever you like.',
    'enrollment.cancel.ask': 'Cancel this enrollment? Your answers will be deleted.',
    'enrollment.cancel.done': 'Enrollment cancelled and your answers deleted. Type enroll to start again.',
    'enrollment.back.first': 'This is the first step.',
    'enrollment.card.done': '✓ Done: see the next message.',
    'enrollment.secret.free-text':
      '🔒 Your text seems to contain a password or a security code, so I did not send or keep it. Reviewers never need passwords, MFA codes or admin credentials. Please send it again without them.',
    'enrollment.skip.required': 'This field is required, it cannot be skipped.',
    'enrollment.edit.unknown': 'I don’t know the field “{name}”. You can edit: {fields}',
    'enrollment.stale': 'That button belongs to an earlier question. Here is where you are now:',
    'enrollment.repaired':
      'I could not read everything about where you were in your enrollment. I kept the answers I could read; here is the step to continue with:',
    'enrollment.inactive': 'That enrollment is no longer in progress. Type enroll to start, or status to see your application.',
    'enrollment.submitted':
      'Application {id} submitted. We emailed a verification link to {email}: the primary contact must open it to confirm that the address belongs to your organization. Then our review starts (usually 3–5 business days).',
    'enrollment.already-member':
      'You are already a member of {legalName}; there is no need to enroll again. Type help to see what you can do.',
    'enrollment.already-applied': 'You already have an enrollment application:',
  },
  {
    'enrollment.welcome.title': '在雲端解決方案提供者 (CSP) 計畫中註冊為新間接經銷商',
    'enrollment.welcome.body':
      '開始之前，請先收集下列資訊（需要幾分鐘）：\n' +
      '• 您組織的 Microsoft Entra (Azure AD) 租用戶：租用戶 ID 或 *.onmicrosoft.com 網域。如果您沒有租用戶，我會說明如何建立。登入一律在 Microsoft 自己的頁面進行：我絕不會要求密碼、MFA 驗證碼或系統管理員認證。\n' +
      '• 您組織的 PartnerID（先前稱為 MPN ID），必須位於與您的租用戶相同的國家/地區。\n' +
      '• 您組織的法律公司名稱和地址。\n' +
      '• 主要連絡人（姓名、公司電子郵件、電話）及客戶支援連絡資訊（電子郵件、電話、網站）。\n' +
      '我們可能需要數天來審查並確認您所提供的資訊。審查完成後，我們會傳送電子郵件通知您的主要連絡人。',
    'enrollment.welcome.about': `我是協助用的機器人，不是 Microsoft：我會記錄您的申請、交給此機器人的審查人員，並提醒相關人員。您在 Microsoft CSP 計畫中的註冊本身是在合作夥伴中心進行：${PARTNER_CENTER.enroll}`,
    'enrollment.welcome.shortcut':
      '已經註冊 CSP？那麼您只需要提供客戶支援連絡資訊，另外只需提供一次此機器人辨識您組織所需的資訊（它無法讀取合作夥伴中心）：法律公司名稱和國家/地區（會顯示給您的合作夥伴；CSP 只配對同一國家/地區的組織）、PartnerID（此機器人的審查人員藉此在合作夥伴中心找到您的組織，也確保同一組織不會重複註冊），以及接收驗證電子郵件的主要連絡人公司電子郵件。',
    'enrollment.welcome.choose': '請選取「開始註冊」（或輸入 start），或選取「已註冊 CSP」。',
    'enrollment.button.start': '開始註冊',
    'enrollment.button.shortcut': '已註冊 CSP',
    'enrollment.button.cancel': '取消',
    'enrollment.button.cancel-yes': '是，取消註冊',
    'enrollment.button.resume': '繼續',
    'enrollment.waiting': '您有進行中的註冊：輸入 resume（或選取「繼續」）即可回到註冊。',
    'enrollment.button.back': '上一步',
    'enrollment.button.skip': '略過',
    'enrollment.button.no-tenant': '我沒有租用戶',
    'enrollment.button.sign-in': '登入 Microsoft Entra',
    'enrollment.button.create-tenant': '建立新的租用戶',
    'enrollment.button.same-country': '與地址相同：{country}',
    'enrollment.button.edit': '編輯：{field}',
    'enrollment.button.submit': '現在註冊',
    'enrollment.step': '步驟 {n}/{total}',
    'enrollment.current': '目前的答案：{value}',
    'enrollment.optional': '選填：若不適用，請輸入 skip 或選取「略過」。',
    'enrollment.skipped': '（已略過）',
    'enrollment.secret':
      '🔒 這看起來像密碼或安全性驗證碼，因此我沒有保存。我絕不需要密碼、MFA 驗證碼或系統管理員認證：您只會在 Microsoft 自己的頁面登入。如果您分享的是真實密碼，建議您變更密碼。請回答下方的問題。',
    'enrollment.tenant.sign-in':
      '不確定嗎？請以全域管理員身分登入 Microsoft Entra（下方按鈕，位於 Microsoft 網站），從概觀頁面複製租用戶 ID。如果您的組織沒有租用戶，請輸入「沒有」。',
    'enrollment.tenant-create.body':
      '還沒有租用戶？請選取「建立新的租用戶」（會開啟 Microsoft 的註冊頁面，您可以在其中選擇名稱，例如 contoso.onmicrosoft.com，並成為其全域管理員）。完成後請回到這裡。',
    'enrollment.form.address': '公司地址',
    'enrollment.form.primary': '主要連絡人',
    'enrollment.form.support': '客戶支援連絡資訊',
    'enrollment.form.submit': '儲存並繼續',
    'enrollment.summary.title': '您的註冊資料',
    'enrollment.summary.intro': '請檢查每個答案。選取「編輯」按鈕（或輸入 edit <欄位>）可變更答案，然後選取「現在註冊」。',
    'enrollment.summary.choose': '選取「現在註冊」提交，或選取「編輯」變更答案。',
    'enrollment.summary.path': '註冊類型',
    'enrollment.path.new': '新間接經銷商',
    'enrollment.path.already-enrolled': '已註冊 CSP',
    'enrollment.stepname.welcome': '歡迎',
    'enrollment.stepname.tenant-create': '建立租用戶',
    'enrollment.stepname.summary': '摘要',
    'enrollment.help':
      '您正在註冊為間接經銷商。請回答問題，或輸入：\n• back：上一個問題\n• edit <欄位>：變更答案（例如 edit city）\n• skip：將選填欄位留白\n• status：目前進度\n• cancel：停止並刪除您的答案',
    'enrollment.status.dialog': '您正在註冊為間接經銷商：步驟 {n}/{total}（{field}）。您的答案已儲存，隨時可以繼續。',
    'enrollment.cancel.ask': '要取消此註冊嗎？您的答案將會刪除。',
    'enrollment.cancel.done': '已取消註冊並刪除您的答案。輸入 enroll 可重新開始。',
    'enrollment.back.first': '這是第一個步驟。',
    'enrollment.card.done': '✓ 完成：請看下一則訊息。',
    'enrollment.secret.free-text':
      '🔒 您的文字似乎包含密碼或安全性驗證碼，因此我沒有傳送或保存。審查人員絕不需要密碼、MFA 驗證碼或系統管理員認證。請移除後再傳送一次。',
    'enrollment.skip.required': '此欄位為必填，無法略過。',
    'enrollment.edit.unknown': '我不認得欄位「{name}」。您可以編輯：{fields}',
    'enrollment.stale': '該按鈕屬於較早的問題。以下是您目前的位置：',
    'enrollment.repaired': '無法完整讀取您的註冊進度。已保留可讀取的答案，請從以下步驟繼續：',
    'enrollment.inactive': '該註冊已不在進行中。輸入 enroll 開始註冊，或輸入 status 查看您的申請。',
    'enrollment.submitted':
      '已提交申請 {id}。我們已將驗證連結傳送到 {email}：主要連絡人必須開啟連結，確認此電子郵件地址屬於您的組織。之後我們就會開始審查（通常需要 3–5 個工作天）。',
    'enrollment.already-member': '您已經是 {legalName} 的成員，不需要再次註冊。輸入 help 查看您可以執行的操作。',
    'enrollment.already-applied': '您已經有一份註冊申請：',
  },
);
