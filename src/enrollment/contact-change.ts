import { AppError } from '../core/errors.js';
import { actorKey } from '../core/events.js';
import type { ActionInput, CommandSpec, LinkResult, TurnContext } from '../core/module.js';
import { post, text, type FormBlock, type Reply } from '../core/replies.js';
import type { Composer } from '../core/notifier.js';
import type { CoreServices } from '../core/services.js';
import type { Translate } from '../i18n/translator.js';
import { adminNames, orgOf } from '../org/access.js';
import { notifyOrgAdmins } from '../org/notify-admins.js';
import type { Contact, Organization } from '../org/organizations.js';
import { renderMail } from '../shared/mail-layout.js';
import { fieldsFor, type FieldId } from './answers.js';
import type { Application, Applications } from './application.js';
import { params } from './render.js';
import { VERIFICATION_TTL_MS, type ApplicationStatus, type ContactAnswers } from './states.js';
import type { ContactChange, EnrollmentStore } from './store.js';
import { validateField } from './validation.js';
import { newVerification, type ChangeLink } from './verification.js';

/**
 * `primary-contact`: a global admin of a reseller organization names a new primary contact (the enrollment's own
 * field rules). The new address gets a `verify-email` link like an applicant's; the old contact stays in force until
 * the new one presses **Confirm my address**. Audit codes (subject = the change id, details { orgId, email, previous }):
 * `enrollment.primary-contact-requested`, `enrollment.primary-contact-changed`.
 * Before acceptance, the applicant whose primary contact has not verified the address names another one the same way:
 * the application's contact changes at once and the new address gets the first link (`change-contact`, decide.ts).
 */
const FIELDS = ['contactName', 'contactEmail', 'contactPhone'] as const satisfies readonly FieldId[];
const OPTIONS: Record<string, (typeof FIELDS)[number]> = { name: 'contactName', email: 'contactEmail', phone: 'contactPhone' };
const CONFIRM_CONTACT = 'verify-email.confirm-contact';
const FORM_ID = 'contact.change';

const confirmedKey = (request: ContactChange) => `contact-change:${request._id}:confirmed`;
/** Who stays the primary contact until the new address is confirmed. */
const keeps = (contact: Contact | undefined, t: Translate) =>
  contact ? t('contact.keeps', { previous: shown(contact, t) }) : t('contact.keeps.none');
const shown = (contact: Contact | undefined, t: Translate) =>
  contact ? `${contact.name ?? ''} <${contact.email}>`.trim() : t('contact.none');

/** Whose primary contact changes: the global admin's organization, or the applicant's application awaiting verification. */
type Target = { kind: 'org'; org: Organization } | { kind: 'application'; app: Application };
const UNVERIFIED: readonly ApplicationStatus[] = ['submitted', 'email-verification-pending'];

/** The contact fields the target has (the shortcut asks the email only). */
const fieldsOf = (target: Target) =>
  target.kind === 'org' ? FIELDS : FIELDS.filter((id) => fieldsFor(target.app.answers.path).includes(id));

export function primaryContact(services: CoreServices, store: EnrollmentStore, applications: Applications) {
  async function pendingApplication(ctx: TurnContext): Promise<Application | undefined> {
    const app = await applications.latestOf(actorKey(ctx.actor));
    return app && app.applicant.actorKey === actorKey(ctx.actor) && UNVERIFIED.includes(app.state.status) ? app : undefined;
  }

  async function target(ctx: TurnContext): Promise<Target> {
    const access = await orgOf(services, ctx.actor, 'reseller');
    if (access && !access.membership.roles.includes('global-admin')) {
      const admins = await adminNames(services, access.org._id, 'global-admin');
      throw new AppError('PRIMARY_CONTACT.GLOBAL_ADMIN_ONLY', undefined, { org: access.org.legalName, admins });
    }
    if (access) return { kind: 'org', org: access.org };
    const app = await pendingApplication(ctx);
    if (!app) throw new AppError('FORBIDDEN');
    return { kind: 'application', app };
  }

  function form(t: Translate, target: Target): FormBlock {
    const kinds = { contactName: 'text', contactEmail: 'email', contactPhone: 'tel' } as const;
    return {
      type: 'form',
      formId: FORM_ID,
      title:
        target.kind === 'org'
          ? t('contact.form.title', { legalName: target.org.legalName })
          : t('contact.form.title', { legalName: target.app.answers.values.legalName ?? '' }),
      fields: fieldsOf(target).map((id) => ({
        id,
        label: t(`enrollment.field.${id}`),
        kind: kinds[id],
        required: true,
        hint: t(`enrollment.example.${id}`),
      })),
      submitLabel: t('contact.form.submit'),
    };
  }

  /** Checks the answers with the enrollment's rules; then mails the link, or (same address) updates name and phone at once. */
  async function change(ctx: TurnContext, raw: Partial<Record<(typeof FIELDS)[number], string>>, fromForm: boolean): Promise<Reply[]> {
    const where = await target(ctx);
    const values: Record<string, string> = {};
    const errors: Record<string, string> = {};
    const answers = { country: where.kind === 'org' ? where.org.country : where.app.answers.values.country };
    for (const field of fieldsOf(where)) {
      const result = validateField(field, raw[field] ?? '', answers);
      if (result.ok) values[field] = result.value;
      else
        errors[field] =
          `${ctx.t(`enrollment.invalid.${result.error}`, params(answers, ctx.locale))} ${ctx.t(`enrollment.example.${field}`)}`;
    }
    if (Object.keys(errors).length) {
      if (fromForm) return [{ type: 'form-errors', formId: FORM_ID, errors }];
      const lines = Object.entries(errors).map(([field, why]) => `• ${ctx.t(`enrollment.field.${field}`)}: ${why}`);
      return [post(text(`${ctx.t('contact.invalid')}\n${lines.join('\n')}`))];
    }
    if (where.kind === 'application') return changeApplication(ctx, where.app, values);
    const { org } = where;
    const contact = { name: values.contactName, email: values.contactEmail, phone: values.contactPhone };
    const previous = org.primaryContact;
    const by = { actorKey: actorKey(ctx.actor), platform: ctx.actor.platform };
    const base = { orgId: org._id, email: contact.email, previous: previous?.email };
    const { token, tokenHash, expiresAt } = newVerification(ctx.now);
    // Recorded either way: the latest request replaces the links of earlier ones.
    const request = await store.addContactChange({ orgId: org._id, contact, previous, requestedBy: by.actorKey, expiresAt, at: ctx.now });
    const audit = (action: string) =>
      services.audit.record({ ...by, orgId: org._id, action, subject: request._id, details: base, at: ctx.now });
    if (previous?.email.toLowerCase() === contact.email) {
      // The same mailbox: nothing new to verify.
      await services.organizations.update(org._id, { primaryContact: contact });
      await audit('enrollment.primary-contact-changed');
      return [post(text(ctx.t('contact.updated', { legalName: org.legalName, ...contact })))];
    }
    await store.rememberLink({ _id: tokenHash, changeId: request._id, expiresAt });
    const requester = ctx.actor.displayName;
    const days = VERIFICATION_TTL_MS / 86_400_000;
    const [known] = await services.people.findByEmail(contact.email);
    const locale = known?.locale ?? ctx.locale;
    const t = services.translatorFor(locale);
    const mail = renderMail({
      subject: t('contact.mail.subject', { legalName: org.legalName }),
      paragraphs: t('contact.mail.body', { name: contact.name, requester, legalName: org.legalName, days }).split('\n'),
      link: { label: t('application.verify.mail.link'), url: `${services.publicUrl}/verify-email/${token}` },
      tag: 'enrollment.verify-contact',
    });
    await services.mailer.send({ ...mail, to: contact.email, locale });
    await audit('enrollment.primary-contact-requested');
    await notifyOrgAdmins(
      services,
      org._id,
      notice('contact.notice.requested', { requester, ...contact, legalName: org.legalName }, previous),
      by.actorKey,
    );
    const said = ctx.t('contact.requested', { ...contact, legalName: org.legalName, days, keeps: keeps(previous, ctx.t) });
    return [post(text(said))];
  }

  const command: CommandSpec = {
    name: 'primary-contact',
    usage: 'primary-contact [--name "…"] [--email a@b.com] [--phone +1…]',
    summaryKey: 'contact.help',
    available: async (ctx) => {
      const access = await orgOf(services, ctx.actor, 'reseller');
      return access ? access.membership.roles.includes('global-admin') : !!(await pendingApplication(ctx));
    },
    async run(ctx, parsed) {
      const where = await target(ctx);
      const raw = Object.fromEntries(
        Object.entries(parsed.options).flatMap(([option, value]) => (OPTIONS[option] ? [[OPTIONS[option], value]] : [])),
      );
      if (!Object.keys(raw).length) return [post(text(intro(ctx.t, where)), form(ctx.t, where))];
      return change(ctx, raw, false);
    },
  };

  function intro(t: Translate, where: Target): string {
    if (where.kind === 'application') return t('contact.application.current', { id: where.app._id, email: where.app.contactEmail });
    const { legalName, primaryContact: current } = where.org;
    const now = current ? t('contact.current', { legalName, current: shown(current, t) }) : t('contact.current.none', { legalName });
    return `${now} ${t('contact.form.intro')}`;
  }

  /** The application's contact changes at once (it is not verified yet): the new address gets the first link. */
  async function changeApplication(ctx: TurnContext, app: Application, values: ContactAnswers): Promise<Reply[]> {
    const email = values.contactEmail ?? '';
    if (email === app.contactEmail) return [post(text(ctx.t('contact.application.same', { email })))];
    const { token, tokenHash, expiresAt } = newVerification(ctx.now);
    const command = { type: 'change-contact' as const, values, previousEmail: app.contactEmail, tokenHash, expiresAt, at: ctx.now };
    const by = { actorKey: actorKey(ctx.actor), platform: ctx.actor.platform };
    const next = await applications.apply(app._id, command, by, { verificationToken: token });
    return [post(text(ctx.t('contact.application.changed', { id: next._id, email, days: VERIFICATION_TTL_MS / 86_400_000 })))];
  }

  async function onForm(ctx: TurnContext, input: ActionInput): Promise<Reply[]> {
    if (input.kind !== 'form' || input.formId !== FORM_ID) throw new AppError('ACTION.STALE');
    return change(ctx, input.values, true);
  }

  /** Why the change's link no longer works: a newer request replaced it, it was confirmed already, or it expired. */
  async function closed(request: ContactChange, now: Date): Promise<'used' | 'expired' | undefined> {
    const latest = await store.latestContactChange(request.orgId);
    if (latest?._id !== request._id || (await services.claims.claimedAt(confirmedKey(request)))) return 'used';
    return now >= request.expiresAt ? 'expired' : undefined;
  }

  const say = (ctx: TurnContext, key: string, values?: Record<string, string>): Reply[] => [post(text(ctx.t(key, values)))];
  const gone = (ctx: TurnContext, why: 'used' | 'expired'): LinkResult => ({ status: 410, replies: say(ctx, `application.verify.${why}`) });

  /** The `verify-email` link of a contact change (verification.ts hands over the links that carry a `changeId`). */
  const link: ChangeLink = {
    async open(ctx, found) {
      const request = found.changeId ? await store.contactChange(found.changeId) : undefined;
      if (!request) return { status: 404, replies: say(ctx, 'application.verify.unknown') };
      const why = await closed(request, ctx.now);
      if (why) return gone(ctx, why);
      const org = await services.organizations.get(request.orgId);
      const confirm = {
        label: ctx.t('application.verify.confirm.button'),
        actionId: CONFIRM_CONTACT,
        value: request._id,
        style: 'primary' as const,
      };
      const ask = text(ctx.t('contact.verify.confirm', { email: request.contact.email, legalName: org?.legalName ?? '' }));
      return { status: 200, replies: [post(ask, { type: 'actions', buttons: [confirm] })] };
    },
    async act(ctx, found, input) {
      const request = found.changeId ? await store.contactChange(found.changeId) : undefined;
      if (!request) return { status: 404, replies: say(ctx, 'application.verify.unknown') };
      if (input.kind !== 'action' || input.actionId !== CONFIRM_CONTACT || input.value !== request._id) throw new AppError('ACTION.STALE');
      const why = await closed(request, ctx.now);
      if (why) return gone(ctx, why);
      const org = await services.organizations.get(request.orgId);
      if (!org) return { status: 404, replies: say(ctx, 'application.verify.unknown') };
      // Each step is harmless when repeated, so a press finishes what a killed one left; the claim, last, says who tells.
      await services.organizations.update(org._id, { primaryContact: request.contact });
      await services.audit.record({
        id: `aud_${request._id}_verified`,
        orgId: org._id,
        actorKey: `email:${request.contact.email}`,
        platform: 'system',
        action: 'enrollment.primary-contact-changed',
        subject: request._id,
        details: { orgId: org._id, email: request.contact.email, previous: request.previous?.email },
        at: ctx.now,
      });
      if (await services.claims.claim(confirmedKey(request))) await announce(org, request);
      return { status: 200, replies: say(ctx, 'contact.verify.ok', { email: request.contact.email, legalName: org.legalName }) };
    },
    async status(found, now) {
      const request = found.changeId ? await store.contactChange(found.changeId) : undefined;
      return !request ? 404 : (await closed(request, now)) ? 410 : 200;
    },
  };

  /** A notice in the recipient's language, in chat where the bot knows them, else by email. */
  function notice(key: string, values: Record<string, string>, previous: Contact | undefined): Composer {
    return (locale) => {
      const t = services.translatorFor(locale);
      const said = t(key, { ...values, previous: shown(previous, t), keeps: keeps(previous, t) });
      const mail = renderMail({ subject: t('contact.mail.notice', values), paragraphs: [said], tag: 'enrollment.contact-notice' });
      return { message: { blocks: [text(said)] }, mail };
    };
  }

  /** The admins hear who the primary contact is now; the one replaced hears it too. */
  async function announce(org: Organization, request: ContactChange): Promise<void> {
    const values = { ...request.contact, legalName: org.legalName };
    await notifyOrgAdmins(services, org._id, notice('contact.notice.changed', values, request.previous));
    const previous = request.previous?.email;
    if (previous) await services.notifier.notify({ email: previous }, notice('contact.notice.replaced', values, request.previous));
  }

  return { command, onForm, link };
}
