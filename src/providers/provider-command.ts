import { AppError } from '../core/errors.js';
import type { ActionInput, CommandSpec, TurnContext } from '../core/module.js';
import { post, text, type Reply } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import { isOperator, orgOf } from '../org/access.js';
import { isAdmin } from '../org/roles.js';
import { checkProvider, rawFromForm, rawFromOptions, type ProviderDraft, type RawProvider } from './provider-input.js';
import { formErrors, problemLines, providerForm } from './provider-form.js';
import { registerProvider, updateProvider } from './store.js';
import { providerCard } from './provider-view.js';

/** `provider add …` (operators) and `provider edit …` (the provider's admins), as one line or as a form. */
export function providerCommand(services: CoreServices): CommandSpec {
  return {
    name: 'provider',
    usage: 'provider add|edit [--name "…"] [--country TW] [--partner-id 1234567] [--services a,b] [--admins a@b.com]',
    summaryKey: 'provider.help.provider',
    available: async (ctx) => isOperator(services, ctx.actor) || (await adminProvider(services, ctx)) !== undefined,
    async run(ctx, command) {
      const [sub, ...words] = command.positional;
      if (sub?.toLowerCase() === 'add') {
        requireOperator(services, ctx);
        const raw: RawProvider = { ...rawFromOptions(command.options) };
        raw.legalName ??= words[0];
        raw.country ??= words[1];
        raw.partnerId ??= words[2];
        if (!Object.values(raw).some((value) => value !== undefined)) return [post(providerForm(ctx.t, 'add'))];
        return add(services, ctx, raw, undefined);
      }
      if (sub?.toLowerCase() === 'edit') {
        const org = await requireProviderAdmin(services, ctx);
        const raw = rawFromOptions(command.options);
        if (!Object.values(raw).some((value) => value !== undefined)) return [post(providerForm(ctx.t, 'edit', org))];
        return edit(services, ctx, raw, undefined);
      }
      return [post(text(ctx.t('provider.usage')))];
    },
  };
}

/** Submissions of the `provider.add` and `provider.edit` forms. */
export async function providerFormAction(services: CoreServices, ctx: TurnContext, input: ActionInput): Promise<Reply[]> {
  if (input.kind !== 'form') throw new AppError('ACTION.STALE');
  if (input.formId === 'provider.add') {
    requireOperator(services, ctx);
    return add(services, ctx, rawFromForm(input.values), input.formId);
  }
  if (input.formId === 'provider.edit') {
    await requireProviderAdmin(services, ctx);
    return edit(services, ctx, rawFromForm(input.values), input.formId);
  }
  throw new AppError('ACTION.STALE');
}

async function add(services: CoreServices, ctx: TurnContext, raw: RawProvider, formId: string | undefined): Promise<Reply[]> {
  const { draft, problems } = checkProvider(raw, 'add');
  if (Object.keys(problems).length) {
    return formId
      ? [formErrors(ctx.t, formId, problems)]
      : [post(text(`${ctx.t('provider.invalid.intro')}\n${problemLines(ctx.t, problems)}`))];
  }
  const org = await registerProvider(services, draft as ProviderDraft, ctx.actor);
  return [
    post(
      text(ctx.t('provider.registered', { name: org.legalName, admins: (draft.admins ?? []).join(', ') })),
      providerCard(ctx.t, ctx.locale, org),
    ),
  ];
}

async function edit(services: CoreServices, ctx: TurnContext, raw: RawProvider, formId: string | undefined): Promise<Reply[]> {
  const current = await requireProviderAdmin(services, ctx);
  const { draft, problems } = checkProvider(raw, 'edit');
  if (Object.keys(problems).length) {
    return formId
      ? [formErrors(ctx.t, formId, problems)]
      : [post(text(`${ctx.t('provider.invalid.intro')}\n${problemLines(ctx.t, problems)}`))];
  }
  const { org, addedAdmins } = await updateProvider(services, current, draft, ctx.actor);
  const added = addedAdmins.length ? `\n${ctx.t('provider.adminsAdded', { admins: addedAdmins.join(', ') })}` : '';
  return [post(text(`${ctx.t('provider.updated', { name: org.legalName })}${added}`), providerCard(ctx.t, ctx.locale, org))];
}

function requireOperator(services: CoreServices, ctx: TurnContext): void {
  if (!isOperator(services, ctx.actor)) throw new AppError('PROVIDER.OPERATOR_ONLY');
}

async function adminProvider(services: CoreServices, ctx: TurnContext) {
  const access = await orgOf(services, ctx.actor, 'provider');
  return access && isAdmin(access.membership.roles) ? access.org : undefined;
}

export async function requireProviderAdmin(services: CoreServices, ctx: TurnContext) {
  const org = await adminProvider(services, ctx);
  if (!org) throw new AppError('PROVIDER.NOT_ADMIN');
  return org;
}
