import { AppError } from '../core/errors.js';
import { actorKey } from '../core/events.js';
import type { ActionInput, BotModule, TurnContext } from '../core/module.js';
import type { ParsedCommand } from '../core/command-grammar.js';
import { post, text, type Block, type Reply } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import { isOperator } from '../org/access.js';
import { newOrgId } from '../org/organizations.js';
import { answerFields, describeState, type Application, type Applications } from '../enrollment/api.js';
import { alertOperatorsOnReview } from './operator-alerts.js';

/**
 * The operator's side of enrollment review (seed step 8: "it can take us several days to review"):
 * `review` lists, `review show|approve|reject|ask <id>` decide. Only OPERATORS may use it.
 */
export function reviewModule(services: CoreServices, applications: Applications): BotModule {
  alertOperatorsOnReview(services, applications);
  function requireOperator(ctx: TurnContext): void {
    if (!isOperator(services, ctx.actor)) throw new AppError('REVIEW.OPERATORS_ONLY');
  }
  const by = (ctx: TurnContext) => ({ actorKey: actorKey(ctx.actor), platform: ctx.actor.platform });
  const line = (ctx: TurnContext, app: Application) =>
    ctx.t('review.line', {
      id: app._id,
      legalName: app.answers.values.legalName ?? '',
      country: app.answers.values.country ?? '',
      state: describeState(ctx.t, app, app.state, ctx.locale),
    });

  async function list(ctx: TurnContext): Promise<Reply[]> {
    const waiting = await applications.inStatus(['under-review', 'more-info-needed', 'email-verification-pending']);
    if (!waiting.length) return [post(text(ctx.t('review.empty')))];
    const blocks: Block[] = [text(`*${ctx.t('review.title', { count: waiting.length })}*\n${ctx.t('review.usage')}`)];
    for (const app of waiting) {
      blocks.push(text(line(ctx, app)));
      const buttons = [{ label: ctx.t('review.button.show', { id: app._id }), actionId: 'review.show', value: app._id }];
      if (app.state.status === 'under-review') buttons.push(approveButton(ctx, app));
      blocks.push({ type: 'actions', buttons });
    }
    return [post(...blocks)];
  }

  function approveButton(ctx: TurnContext, app: Application) {
    const legalName = app.answers.values.legalName ?? '';
    return {
      label: ctx.t('review.button.approve'),
      actionId: 'review.approve',
      value: app._id,
      style: 'primary' as const,
      confirm: {
        title: ctx.t('review.confirm.title'),
        text: ctx.t('review.confirm.text', { legalName }),
        confirm: ctx.t('review.button.approve'),
        deny: ctx.t('review.confirm.deny'),
      },
    };
  }

  async function show(ctx: TurnContext, id: string): Promise<Reply[]> {
    const app = await applications.get(id);
    const blocks: Block[] = [
      text(line(ctx, app)),
      { type: 'summary', title: ctx.t('review.details', { id: app._id }), fields: answerFields(ctx.t, ctx.locale, app.answers) },
    ];
    if (app.state.status === 'under-review') {
      blocks.push({ type: 'actions', buttons: [approveButton(ctx, app)] });
      for (const kind of ['reject', 'ask'] as const) {
        blocks.push({
          type: 'form',
          formId: `review.${kind}.${app._id}`,
          title: ctx.t(`review.form.${kind}`),
          submitLabel: ctx.t(`review.button.${kind}`),
          fields: [{ id: 'text', label: ctx.t(`review.field.${kind}`), kind: 'multiline', required: true }],
        });
      }
    }
    return [post(...blocks)];
  }

  // The transition itself creates the organization and tells the parties (enrollment/applications.ts), so
  // a crash half-way is finished by the next reader of the application, never repeated.
  async function approve(ctx: TurnContext, id: string): Promise<Reply[]> {
    const app = await applications.apply(
      id,
      { type: 'approve', reviewerKey: actorKey(ctx.actor), orgId: newOrgId(), at: ctx.now },
      by(ctx),
    );
    return [post(text(ctx.t('review.approved', { id, legalName: app.answers.values.legalName ?? '', orgId: app.orgId ?? '' })))];
  }

  async function decideWithText(ctx: TurnContext, kind: 'reject' | 'ask', id: string, words: string): Promise<Reply[]> {
    if (!words.trim()) return [post(text(ctx.t(`review.usage.${kind}`)))];
    const reviewerKey = actorKey(ctx.actor);
    const command =
      kind === 'reject'
        ? { type: kind, reviewerKey, reason: words, at: ctx.now }
        : { type: kind, reviewerKey, question: words, at: ctx.now };
    await applications.apply(id, command, by(ctx));
    return [post(text(ctx.t(`review.done.${kind}`, { id })))];
  }

  async function run(ctx: TurnContext, command: ParsedCommand): Promise<Reply[]> {
    requireOperator(ctx);
    const [verb, id] = command.positional;
    if (!verb) return list(ctx);
    const tail = command.rest.trim().replace(/^\S+\s+\S+\s*/, '');
    switch (verb.toLowerCase()) {
      case 'show':
        return id ? show(ctx, id) : [post(text(ctx.t('review.usage')))];
      case 'approve':
        return id ? approve(ctx, id) : [post(text(ctx.t('review.usage')))];
      case 'reject':
      case 'ask':
        return id ? decideWithText(ctx, verb.toLowerCase() as 'reject' | 'ask', id, tail) : [post(text(ctx.t('review.usage')))];
      default:
        return [post(text(ctx.t('review.usage')))];
    }
  }

  async function onAction(ctx: TurnContext, input: ActionInput): Promise<Reply[]> {
    requireOperator(ctx);
    if (input.kind === 'action') {
      const done: Reply[] = input.messageId
        ? [{ type: 'update', messageId: input.messageId, message: { blocks: [text(ctx.t('review.handled'))] } }]
        : [];
      if (input.actionId === 'review.show') return show(ctx, input.value);
      if (input.actionId === 'review.approve') return [...done, ...(await approve(ctx, input.value))];
      throw new AppError('ACTION.STALE');
    }
    const [, kind, id] = input.formId.split('.');
    if ((kind === 'reject' || kind === 'ask') && id) {
      const words = input.values.text ?? '';
      if (!words.trim()) return [{ type: 'form-errors', formId: input.formId, errors: { text: ctx.t(`review.usage.${kind}`) } }];
      return decideWithText(ctx, kind, id, words);
    }
    throw new AppError('ACTION.STALE');
  }

  return {
    name: 'review',
    commands: [
      {
        name: 'review',
        usage: 'review [show|approve|reject|ask] [<application-id>] [<reason or question>]',
        summaryKey: 'review.help',
        available: async (ctx) => isOperator(services, ctx.actor),
        run,
      },
    ],
    actions: { review: onAction },
  };
}
