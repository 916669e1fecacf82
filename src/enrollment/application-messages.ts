import { defineMessages } from '../i18n/translator.js';
import { PARTNER_CENTER } from '../shared/partner-center-links.js';

/** Texts about a submitted application: status, notices, verification, admin agent check, refusals. */
export const applicationMessages = defineMessages(
  {
    'enrollment.help.enroll': 'enroll your organization as an indirect reseller in CSP',
    'enrollment.help.status': 'see where your enrollment stands',
    'enrollment.help.resend': 'send the primary contact a new verification link',
    'enrollment.help.reply': 'answer the reviewer’s question about your application',
    'enrollment.help.appeal': 'appeal a rejected application',
    'application.status.title': 'Application {id}: {legalName}',
    'application.status.none': 'You have no enrollment application. Type enroll to enroll as an indirect reseller.',
    'application.status.new': 'Not submitted yet.',
    'application.status.submitted': 'Submitted. A verification link is on its way to {email}.',
    'application.status.email-verification-pending':
      'Waiting for the primary contact to verify {email}: open the link in the email we sent (it works until {date}). No email? Check spam, or resend it after one day. Wrong address? primary-contact names another primary contact.',
    'application.status.under-review':
      'Under review since {date}: we check email ownership, employment and business details. This usually takes 3–5 business days.',
    'application.status.more-info-needed': 'The reviewer needs more information: “{question}”. Answer with reply-review <your answer>.',
    'application.status.accepted': `Accepted on {date}: this bot records your organization as an indirect reseller. That is not a Microsoft enrollment: if you have not enrolled in Partner Center yet, do it at ${PARTNER_CENTER.enroll}`,
    'application.status.rejected': 'Rejected: “{reason}”. You can appeal with appeal <why the decision should change>.',
    'application.status.appealed': 'Appealed; it goes back to review.',
    'application.button.resend': 'Resend verification email',
    'application.resent': 'A new verification link is on its way to {email}. The previous link no longer works.',
    'application.verify.mail.subject': 'Verify your email address for your CSP reseller enrollment',
    'application.verify.mail.body':
      'Hello,\nYou are the primary contact of the indirect reseller enrollment {id} for {legalName} in the Microsoft Cloud Solution Provider program.\nTo confirm that you signed up and that this address belongs to your organization, open the link below within {days} days and press “Confirm my address”. If you did not expect this email, ignore it.',
    'application.verify.mail.link': 'Verify my email address',
    'application.verify.confirm.text':
      'Confirm that {email} is your address, the primary contact’s of application {id}. Nothing happens until you press the button.',
    'application.verify.confirm.button': 'Confirm my address',
    'application.verify.ok': 'Thank you, your email address is verified. Application {id} is now under review (usually 3–5 business days).',
    'application.verify.used': 'This link was already used or replaced by a newer one. Type status in the chat to see your application.',
    'application.verify.expired': 'This link has expired. Type resend-verification in the chat to get a new one.',
    'application.verify.unknown': 'This verification link is not valid. Please copy the whole link from the email.',
    'application.mail.subject': 'Your CSP reseller enrollment {id}',
    'application.notice.email-verified':
      'The primary contact email of application {id} ({legalName}) is verified. The application is now under review.',
    'application.notice.more-info-requested':
      'The reviewer needs more information about application {id} ({legalName}): “{question}”\nAnswer in the chat: your next message there is taken as your answer (or type reply-review <your answer>).',
    'application.notice.more-info-provided':
      'Your answer about application {id} ({legalName}) was sent to the reviewer; the review continues.',
    'application.notice.accepted':
      'Congratulations: application {id} ({legalName}) is accepted. This bot now records {legalName} as an indirect reseller, and the person who enrolled is its global admin here.\n' +
      `To make it real with Microsoft: enroll in Partner Center if you have not yet (${PARTNER_CENTER.enroll}). When your Partner Center account is ready, check under Account settings > User management that you are in the admin agent group (select Admin agent, then Update). To find an indirect provider: ${PARTNER_CENTER.findProvider}`,
    'application.notice.rejected':
      'Application {id} ({legalName}) was rejected: “{reason}”\nYou can appeal in the chat with appeal <why the decision should change>.',
    'application.notice.appealed': 'Application {id} ({legalName}) was appealed and is back under review.',
    'application.answer.ok': 'Thanks, your answer “{answer}” went to the reviewer. Your application is back under review.',
    'application.appeal.ok': 'Your appeal is recorded and your application is back under review.',
    'application.admin-agent.ask':
      'To finish setting up your account, including adding other users, you must be in the admin agent group. In Partner Center, on the Dashboard menu select Account settings > User management and select your name. Select Admin agent if it’s not already selected, then select Update. Are you in the admin agent group?',
    'application.button.admin-agent-yes': 'Yes, I’m an admin agent',
    'application.button.admin-agent-no': 'Not yet',
    'application.admin-agent.yes':
      'Recorded: you are in the admin agent group. You can now add users (grant) and connect with an indirect provider.',
    'application.admin-agent.no':
      'Recorded. Please add yourself: Account settings > User management > select your name > select Admin agent > Update. Then press the button below.',
    'application.admin-agent.already': 'Already recorded: you are in the admin agent group.',
    'application.admin-agent.answered': 'Answer recorded.',
    'error.ENROLLMENT.ALREADY_SUBMITTED': 'This enrollment was already submitted.',
    'error.ENROLLMENT.ALREADY_ENROLLED':
      '{what} is already enrolled here, for the reseller {org}: instead of enrolling again, ask its global admins ({admins}) to add you with grant. If {org} is not your organization, check what you typed, or ask this bot’s operators, who review every application.',
    'error.ENROLLMENT.ALREADY_WAITING':
      '{what} is already in another enrollment application that is still open, sent by {applicant}. Ask {applicant}: once it is accepted, its global admin can add you with grant. If it is not your organization, check what you typed, or ask this bot’s operators, who review every application.',
    'enrollment.identifier.tenant': 'The tenant {value}',
    'enrollment.identifier.partnerId': 'The PartnerID {value}',
    'enrollment.identifier.no-names': 'their names are not recorded here',
    'error.ENROLLMENT.NOT_PENDING_VERIFICATION': 'Application {id} is not waiting for email verification.',
    'error.ENROLLMENT.LINK_USED': 'This verification link was already used or replaced by a newer one.',
    'error.ENROLLMENT.LINK_EXPIRED': 'This verification link has expired. Type resend-verification to get a new one.',
    'error.ENROLLMENT.RESEND_TOO_SOON':
      'A verification link was sent recently. You can ask for a new one in {hours} hours; check the spam folder meanwhile.',
    'error.ENROLLMENT.NOT_UNDER_REVIEW':
      'Application {id} is not under review, so it cannot be decided now. Type review to see what is waiting.',
    'error.ENROLLMENT.NOT_WAITING_FOR_INFO': 'The reviewer has not asked a question about this application.',
    'error.ENROLLMENT.NOT_REJECTED': 'Only a rejected application can be appealed.',
    'error.ENROLLMENT.EMPTY_TEXT': 'Please add the text after the command.',
    'error.ENROLLMENT.ALREADY_HANDLED':
      'Application {id} was just changed by someone else (or this button was pressed twice). Nothing more was changed.',
    'error.ENROLLMENT.UNKNOWN_APPLICATION': 'I couldn’t find application {id}.',
    'error.ENROLLMENT.NO_APPLICATION': 'You have no enrollment application. Type enroll to start.',
  },
  {
    'enrollment.help.enroll': '將您的組織註冊為 CSP 間接經銷商',
    'enrollment.help.status': '查看您的註冊進度',
    'enrollment.help.resend': '傳送新的驗證連結給主要連絡人',
    'enrollment.help.reply': '回答審查人員關於您申請的問題',
    'enrollment.help.appeal': '對遭拒的申請提出申訴',
    'application.status.title': '申請 {id}：{legalName}',
    'application.status.none': '您沒有註冊申請。輸入 enroll 註冊為間接經銷商。',
    'application.status.new': '尚未提交。',
    'application.status.submitted': '已提交。驗證連結正在傳送到 {email}。',
    'application.status.email-verification-pending':
      '正在等待主要連絡人驗證 {email}：請開啟我們傳送的電子郵件中的連結（有效期限至 {date}）。沒收到？請檢查垃圾郵件，或在一天後重新傳送。地址有誤？請使用 primary-contact 指定另一位主要連絡人。',
    'application.status.under-review': '自 {date} 起審查中：我們會檢查電子郵件擁有權、任職及公司資訊。通常需要 3–5 個工作天。',
    'application.status.more-info-needed': '審查人員需要更多資訊：「{question}」。請以 reply-review <您的回答> 回覆。',
    'application.status.accepted': `已於 {date} 接受：此機器人已將您的組織記錄為間接經銷商。這並不是 Microsoft 的註冊：如果您尚未在合作夥伴中心註冊，請前往 ${PARTNER_CENTER.enroll} 註冊。`,
    'application.status.rejected': '已拒絕：「{reason}」。您可以使用 appeal <應改變決定的理由> 提出申訴。',
    'application.status.appealed': '已提出申訴，將重新審查。',
    'application.button.resend': '重新傳送驗證電子郵件',
    'application.resent': '新的驗證連結正在傳送到 {email}。先前的連結已失效。',
    'application.verify.mail.subject': '驗證您 CSP 經銷商註冊的電子郵件地址',
    'application.verify.mail.body':
      '您好：\n您是 {legalName} 在 Microsoft 雲端解決方案提供者計畫中間接經銷商註冊申請 {id} 的主要連絡人。\n為確認您已註冊，且此電子郵件地址屬於您的組織，請在 {days} 天內開啟下方連結並按下「確認我的地址」。如果您沒有預期收到這封電子郵件，請忽略。',
    'application.verify.mail.link': '驗證我的電子郵件地址',
    'application.verify.confirm.text': '請確認 {email} 是您的地址，也就是申請 {id} 的主要連絡人地址。在您按下按鈕之前，不會進行任何變更。',
    'application.verify.confirm.button': '確認我的地址',
    'application.verify.ok': '謝謝，您的電子郵件地址已驗證。申請 {id} 現在審查中（通常需要 3–5 個工作天）。',
    'application.verify.used': '此連結已使用過，或已被較新的連結取代。請在聊天中輸入 status 查看您的申請。',
    'application.verify.expired': '此連結已過期。請在聊天中輸入 resend-verification 取得新連結。',
    'application.verify.unknown': '此驗證連結無效。請從電子郵件複製完整的連結。',
    'application.mail.subject': '您的 CSP 經銷商註冊申請 {id}',
    'application.notice.email-verified': '申請 {id}（{legalName}）的主要連絡人電子郵件已驗證。申請現在審查中。',
    'application.notice.more-info-requested':
      '審查人員需要申請 {id}（{legalName}）的更多資訊：「{question}」\n請在聊天中回答：您在該處的下一則訊息會被視為您的回答（或輸入 reply-review <您的回答>）。',
    'application.notice.more-info-provided': '您關於申請 {id}（{legalName}）的回答已傳送給審查人員，審查將繼續進行。',
    'application.notice.accepted':
      '恭喜：申請 {id}（{legalName}）已被接受。此機器人已將 {legalName} 記錄為間接經銷商，註冊者為其在此的全域管理員。\n' +
      `若要在 Microsoft 生效：如果您尚未在合作夥伴中心註冊，請先註冊（${PARTNER_CENTER.enroll}）。您的合作夥伴中心帳戶準備好可以使用時，請在 [帳戶設定] > [使用者管理] 確認您已新增至系統管理代理人群組（選取 [系統管理代理人]，然後選取 [更新]）。若要尋找間接提供者：${PARTNER_CENTER.findProvider}`,
    'application.notice.rejected': '申請 {id}（{legalName}）已被拒絕：「{reason}」\n您可以在聊天中以 appeal <應改變決定的理由> 提出申訴。',
    'application.notice.appealed': '申請 {id}（{legalName}）已提出申訴，並重新回到審查中。',
    'application.answer.ok': '謝謝，您的回答「{answer}」已傳送給審查人員。您的申請已重新回到審查中。',
    'application.appeal.ok': '已記錄您的申訴，您的申請已重新回到審查中。',
    'application.admin-agent.ask':
      '若要完成您的帳戶設定，包括新增其他使用者，您必須在系統管理代理人群組中。在合作夥伴中心的 [儀表板] 功能表中，選取 [帳戶設定] > [使用者管理]，並從使用者清單中選取您的名稱。選取 [系統管理代理人]（如果未選取），然後選取 [更新]。您是否已在系統管理代理人群組中？',
    'application.button.admin-agent-yes': '是，我是系統管理代理人',
    'application.button.admin-agent-no': '還沒有',
    'application.admin-agent.yes': '已記錄：您在系統管理代理人群組中。您現在可以新增使用者 (grant) 並與間接提供者聯繫。',
    'application.admin-agent.no':
      '已記錄。請將自己加入：[帳戶設定] > [使用者管理] > 選取您的名稱 > 選取 [系統管理代理人] > [更新]。然後選取下方的按鈕。',
    'application.admin-agent.already': '已記錄：您在系統管理代理人群組中。',
    'application.admin-agent.answered': '已記錄回答。',
    'error.ENROLLMENT.ALREADY_SUBMITTED': '此註冊已經提交。',
    'error.ENROLLMENT.ALREADY_ENROLLED':
      '{what} 已在此註冊，屬於經銷商 {org}：請不要重複註冊，而是要求其全域管理員（{admins}）使用 grant 將您加入。如果 {org} 不是您的組織，請檢查您輸入的內容，或洽詢審查每一份申請的此機器人營運人員。',
    'error.ENROLLMENT.ALREADY_WAITING':
      '{what} 已在另一份仍在處理中的註冊申請中，由 {applicant} 提交。請洽詢 {applicant}：申請獲得接受後，其全域管理員可以使用 grant 將您加入。如果那不是您的組織，請檢查您輸入的內容，或洽詢審查每一份申請的此機器人營運人員。',
    'enrollment.identifier.tenant': '租用戶 {value}',
    'enrollment.identifier.partnerId': 'PartnerID {value}',
    'enrollment.identifier.no-names': '此處未記錄其姓名',
    'error.ENROLLMENT.NOT_PENDING_VERIFICATION': '申請 {id} 並未在等待電子郵件驗證。',
    'error.ENROLLMENT.LINK_USED': '此驗證連結已使用過，或已被較新的連結取代。',
    'error.ENROLLMENT.LINK_EXPIRED': '此驗證連結已過期。請輸入 resend-verification 取得新連結。',
    'error.ENROLLMENT.RESEND_TOO_SOON': '最近已傳送驗證連結。您可以在 {hours} 小時後要求新連結；在此期間請檢查垃圾郵件資料夾。',
    'error.ENROLLMENT.NOT_UNDER_REVIEW': '申請 {id} 不在審查中，因此現在無法決定。輸入 review 查看待處理項目。',
    'error.ENROLLMENT.NOT_WAITING_FOR_INFO': '審查人員並未對此申請提出問題。',
    'error.ENROLLMENT.NOT_REJECTED': '只有遭拒的申請才能提出申訴。',
    'error.ENROLLMENT.EMPTY_TEXT': '請在命令後面加上文字。',
    'error.ENROLLMENT.ALREADY_HANDLED': '申請 {id} 剛被其他人變更（或此按鈕被按了兩次）。沒有再做其他變更。',
    'error.ENROLLMENT.UNKNOWN_APPLICATION': '找不到申請 {id}。',
    'error.ENROLLMENT.NO_APPLICATION': '您沒有註冊申請。輸入 enroll 開始註冊。',
  },
);
