import { AppError } from '../core/errors.js';
import { actorKey } from '../core/events.js';
import type { ActionInput, BotModule, CommandSpec, TurnContext } from '../core/module.js';
import { post, text, type Block, type Reply } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import { orgOf, readOnce } from '../org/access.js';
import { isGreeting, welcomeMessage } from '../core/welcome.js';
import { answerAdminAgent, adminAgentQuestion } from './acceptance.js';
import { newApplicationId, type Application, type Applications } from './application.js';
import { createEnrollmentDialog, type CheckTaken, type Submit } from './dialog.js';
import { enrollmentIdentifiers, takenMessage } from './identifiers.js';
import { FLOW, nextStep, readDialog, toDialogState } from './dialog-state.js';
import { ask, welcome } from './render.js';
import { primaryContact } from './contact-change.js';
import { containsSecret } from './secrets.js';
import { statusBlocks } from './status.js';
import type { EnrollmentStore } from './store.js';
import { newVerification, verificationLink, sendVerification } from './verification.js';

/** `start` outside the dialog, as the welcome's enroll button and the "type start" of older cards say. */
const START = /^(start|開始)$/i;

/**
 * The reseller enrollment (seed: "Enroll as a new indirect reseller"): the `enroll` dialog, the
 * application's status, email verification, the applicant's side of review (reply, appeal) and the
 * admin agent confirmation after acceptance.
 */
export function enrollmentModule(services: CoreServices, store: EnrollmentStore, applications: Applications): BotModule {
  const by = (ctx: TurnContext) => ({ actorKey: actorKey(ctx.actor), platform: ctx.actor.platform });
  const identifiers = enrollmentIdentifiers(services, store);

  async function start(ctx: TurnContext): Promise<Reply[]> {
    if (readDialog(ctx.dialog.state)) return dialog.resume(ctx);
    const org = await orgOf(services, ctx.actor, 'reseller');
    if (org) return [post(text(ctx.t('enrollment.already-member', { legalName: org.org.legalName })))];
    const app = await applications.latestOf(actorKey(ctx.actor));
    if (app && app.state.status !== 'rejected')
      return [post(text(ctx.t('enrollment.already-applied')), ...statusBlocks(ctx.t, app, ctx.locale))];
    ctx.dialog.set(toDialogState({ step: 'welcome', data: { applicationId: newApplicationId(), path: 'new', values: {} } }));
    return welcome(ctx.t);
  }

  const submit: Submit = async (ctx, dialog) => {
    const missing = nextStep(dialog.data);
    if (dialog.step !== 'summary' || missing !== 'summary') {
      ctx.dialog.set(toDialogState({ ...dialog, step: missing }));
      return ask(ctx, dialog.data, missing, [ctx.t('enrollment.stale')]);
    }
    const applicant = {
      actorKey: actorKey(ctx.actor),
      platform: ctx.actor.platform,
      displayName: ctx.actor.displayName,
      email: ctx.actor.email,
      locale: ctx.locale,
    };
    const answers = { path: dialog.data.path, values: dialog.data.values };
    // Two applicants with one tenant or PartnerID at once: the one who takes it first submits, the other is told whom to ask.
    const taken = await identifiers.take(dialog.data.applicationId, ctx.actor.displayName, answers.values);
    if (taken) {
      ctx.dialog.set(toDialogState({ ...dialog, step: taken.field }));
      return ask(ctx, dialog.data, taken.field, [`⚠️ ${takenMessage(ctx, taken)}`]);
    }
    // The first verification link is part of the submission's transition (applications.ts): sent exactly
    // once even when a process dies half-way and the person presses again.
    const verification = newVerification(ctx.now);
    const app = await applications
      .submit({ id: dialog.data.applicationId, answers, applicant, actorKey: applicant.actorKey, verification })
      .catch(async (error) => {
        // Submitted by a turn whose dialog was not saved (a crash, a parallel press): end this dialog too.
        const existing = error instanceof AppError && error.code === 'ENROLLMENT.ALREADY_SUBMITTED' && (await latest(ctx));
        if (!existing || existing._id !== dialog.data.applicationId) throw error;
        ctx.dialog.set(undefined);
        return { existing };
      });
    if ('existing' in app)
      return [post(text(ctx.t('error.ENROLLMENT.ALREADY_SUBMITTED')), ...statusBlocks(ctx.t, app.existing, ctx.locale))];
    ctx.dialog.set(undefined);
    return [post(text(ctx.t('enrollment.submitted', { id: app._id, email: app.contactEmail })), ...statusBlocks(ctx.t, app, ctx.locale))];
  };
  const checkTaken: CheckTaken = async (ctx, dialog, field, value) => {
    const taken = await identifiers.check(field, value, dialog.data.applicationId);
    return taken && takenMessage(ctx, taken);
  };
  const dialog = createEnrollmentDialog(submit, checkTaken);

  /**
   * The actor's latest application. One left "submitted" without a verification link (by the code before
   * the link became part of the submission, killed between the two) gets its first link now.
   */
  async function latest(ctx: TurnContext): Promise<Application | undefined> {
    const app = await applications.latestOf(actorKey(ctx.actor));
    if (app?.state.status !== 'submitted' || app.applicant.actorKey !== actorKey(ctx.actor)) return app;
    return sendVerification(services, applications, app, by(ctx)).catch(async (error) => {
      if (error instanceof AppError && error.code.startsWith('ENROLLMENT.')) return applications.get(app._id);
      throw error;
    });
  }

  async function mine(ctx: TurnContext): Promise<Application> {
    const app = await latest(ctx);
    if (!app) throw new AppError('ENROLLMENT.NO_APPLICATION');
    return app;
  }

  /** Buttons that go with the state: resend while unverified, the admin agent question once accepted. */
  async function statusExtras(ctx: TurnContext, app: Application): Promise<Block[]> {
    if (app.state.status === 'email-verification-pending' || app.state.status === 'submitted') {
      return [
        { type: 'actions', buttons: [{ label: ctx.t('application.button.resend'), actionId: 'application.resend', value: app._id }] },
      ];
    }
    if (app.state.status === 'accepted' && app.orgId) {
      const membership = await services.organizations.membership(app.orgId, actorKey(ctx.actor));
      if (membership && !membership.roles.includes('admin-agent'))
        return [text(ctx.t('application.admin-agent.ask')), adminAgentQuestion(ctx.t, app)];
    }
    return [];
  }

  async function status(ctx: TurnContext): Promise<Reply[]> {
    const active = readDialog(ctx.dialog.state);
    if (active) return dialog.onInput(ctx, { kind: 'message', text: 'status' });
    const app = await latest(ctx);
    if (app) return [post(...statusBlocks(ctx.t, app, ctx.locale), ...(await statusExtras(ctx, app)))];
    const org = await orgOf(services, ctx.actor);
    return [post(text(org ? ctx.t('enrollment.already-member', { legalName: org.org.legalName }) : ctx.t('application.status.none')))];
  }

  async function resend(ctx: TurnContext): Promise<Reply[]> {
    const app = await applications.latestOf(actorKey(ctx.actor)); // not latest(): that could send a first link and make this one "too soon"
    if (!app) throw new AppError('ENROLLMENT.NO_APPLICATION');
    if (app.applicant.actorKey !== actorKey(ctx.actor)) throw new AppError('FORBIDDEN');
    const next = await sendVerification(services, applications, app, by(ctx));
    return [post(text(ctx.t('application.resent', { email: next.contactEmail })))];
  }

  async function respond(ctx: TurnContext, type: 'answer' | 'appeal', words: string, app?: Application): Promise<Reply[]> {
    app ??= await mine(ctx);
    if (containsSecret(words)) return [post(text(ctx.t('enrollment.secret.free-text')))];
    // A rejection let the tenant and PartnerID go: an appeal takes them again, unless someone else has since.
    const taken =
      type === 'appeal' &&
      app.state.status === 'rejected' &&
      (await identifiers.take(app._id, app.applicant.displayName, app.answers.values));
    if (taken) return [post(text(takenMessage(ctx, taken)))];
    const command = type === 'answer' ? { type, answer: words, at: ctx.now } : { type, appeal: words, at: ctx.now };
    const next = await applications.apply(app._id, command, by(ctx)); // also tells the other parties
    return [post(text(ctx.t(`application.${type}.ok`, { answer: words })), ...statusBlocks(ctx.t, next, ctx.locale))];
  }

  /** After "more info", the applicant's next plain message is the answer (reply-review works as well). */
  async function plainAnswer(ctx: TurnContext, typed: string): Promise<Reply[] | undefined> {
    if (isGreeting(typed)) return undefined; // a greeting shows the status, with the question
    const app = await applications.latestOf(actorKey(ctx.actor));
    if (app?.state.status !== 'more-info-needed' || app.applicant.actorKey !== actorKey(ctx.actor)) return undefined;
    return respond(ctx, 'answer', typed.trim(), app);
  }

  /** After a press, the pressed card loses its buttons (a form with errors stays as it is). */
  function withCardUpdate(ctx: TurnContext, input: ActionInput, replies: Reply[]): Reply[] {
    const link = input.kind === 'action' && input.actionId === 'enrollment.link';
    if (!input.messageId || link || replies.some((reply) => reply.type === 'form-errors')) return replies;
    return [{ type: 'update', messageId: input.messageId, message: { blocks: [text(ctx.t('enrollment.card.done'))] } }, ...replies];
  }

  const contact = primaryContact(services, store, applications);
  const always = async () => true;
  // Help asks three commands about the same application: read once per help.
  const latestStatus = async (ctx: TurnContext) =>
    (await readOnce(ctx.actor, 'latest-application', () => applications.latestOf(actorKey(ctx.actor))))?.state.status;
  const commands: CommandSpec[] = [
    {
      name: 'enroll',
      usage: 'enroll',
      summaryKey: 'enrollment.help.enroll',
      available: async (ctx) => !(await orgOf(services, ctx.actor, 'reseller')),
      run: start,
    },
    { name: 'status', usage: 'status', summaryKey: 'enrollment.help.status', available: always, run: status },
    {
      name: 'resend-verification',
      usage: 'resend-verification',
      summaryKey: 'enrollment.help.resend',
      available: async (ctx) => ['submitted', 'email-verification-pending'].includes((await latestStatus(ctx)) ?? ''),
      run: resend,
    },
    {
      name: 'reply-review',
      usage: 'reply-review <answer>',
      summaryKey: 'enrollment.help.reply',
      available: async (ctx) => (await latestStatus(ctx)) === 'more-info-needed',
      run: (ctx, command) => respond(ctx, 'answer', command.rest),
    },
    {
      name: 'appeal',
      usage: 'appeal <why the decision should change>',
      summaryKey: 'enrollment.help.appeal',
      available: async (ctx) => (await latestStatus(ctx)) === 'rejected',
      run: (ctx, command) => respond(ctx, 'appeal', command.rest),
    },
    contact.command,
  ];

  return {
    name: 'enrollment',
    commands,
    dialog: {
      flow: FLOW,
      onInput: dialog.onInput,
      resume: (ctx) => dialog.resume(ctx),
      waiting: (ctx) =>
        post(text(ctx.t('enrollment.waiting')), {
          type: 'actions',
          buttons: [{ label: ctx.t('enrollment.button.resume'), actionId: 'enrollment.resume', value: 'resume' }],
        }),
    },
    actions: {
      async enrollment(ctx, input) {
        if (readDialog(ctx.dialog.state)) return withCardUpdate(ctx, input, await dialog.onAction(ctx, input));
        if (input.kind === 'action' && input.actionId === 'enrollment.submit') {
          const app = await latest(ctx);
          if (app?._id === input.value)
            return [post(text(ctx.t('error.ENROLLMENT.ALREADY_SUBMITTED')), ...statusBlocks(ctx.t, app, ctx.locale))];
        }
        if (input.kind === 'action' && input.actionId === 'enrollment.link') return [];
        return [post(text(ctx.t('enrollment.inactive')))];
      },
      async application(ctx, input) {
        const id = input.kind === 'action' ? input.actionId : input.formId;
        if (id === 'application.resend') return resend(ctx);
        if (id === 'application.admin-agent') return answerAdminAgent(services, applications, ctx, input);
        throw new AppError('ACTION.STALE');
      },
      contact: contact.onForm,
    },
    links: { 'verify-email': verificationLink(store, applications, contact.link) },
    // A newcomer's greeting gets the welcome (no dialog until they choose to enroll); someone with an
    // organization gets help from the engine.
    async onUnmatchedText(ctx, typed) {
      const answered = await plainAnswer(ctx, typed);
      if (answered) return answered;
      const starting = START.test(typed.trim());
      if (!starting && !isGreeting(typed)) return undefined;
      if (await orgOf(services, ctx.actor)) return undefined;
      const app = await latest(ctx);
      if (app) return [post(...statusBlocks(ctx.t, app, ctx.locale), ...(await statusExtras(ctx, app)))];
      return starting ? start(ctx) : [post(...welcomeMessage(ctx.t).blocks)];
    },
  };
}
