import type { Locale } from '../core/events.js';
import type { CommandSpec, TurnContext } from '../core/module.js';
import { post, text, type Reply } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import { AppError } from '../core/errors.js';
import { isOperator, membershipsOf } from '../org/access.js';
import type { Organization } from '../org/organizations.js';
import { isAdmin } from '../org/roles.js';
import { kindLabelKey } from './reminder.js';
import type { ReminderService, ScheduledReminder } from './reminder-service.js';
import { isKnownTimeZone } from './working-hours.js';

/** The organizations the actor administers. */
async function administered(services: CoreServices, ctx: TurnContext): Promise<Organization[]> {
  const memberships = (await membershipsOf(services, ctx.actor)).filter((membership) => isAdmin(membership.roles));
  const orgs = await services.organizations.byIds(memberships.map((m) => m.orgId));
  return [...orgs.values()].sort((a, b) => a.legalName.localeCompare(b.legalName));
}

/** Times in the reader's own zone when the platform told it (Slack `tz`), otherwise UTC. */
function timeFormat(locale: Locale, timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale === 'zh-TW' ? 'zh-TW' : 'en-GB', {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

/**
 * `reminders`: what is scheduled for the organizations the actor administers and when; an operator
 * sees every scheduled reminder (enrollment reminders belong to no organization before acceptance).
 */
export function remindersCommand(services: CoreServices, reminders: ReminderService): CommandSpec {
  async function lines(ctx: TurnContext, scheduled: ScheduledReminder[], format: Intl.DateTimeFormat): Promise<string[]> {
    const out: string[] = [];
    for (const reminder of scheduled) {
      const person = reminder.recipient.actorKey ? await services.people.get(reminder.recipient.actorKey) : undefined;
      out.push(
        ctx.t('reminders.line', {
          when: format.format(reminder.nextRunAt),
          kind: kindLabelKey(reminder.kind) in services.catalogs.en ? ctx.t(kindLabelKey(reminder.kind)) : reminder.kind,
          about: reminder.params.about ?? reminder.subjectId,
          recipient: reminder.recipient.email ?? person?.displayName ?? reminder.recipient.actorKey ?? '?',
        }),
      );
    }
    return out;
  }

  return {
    name: 'reminders',
    usage: 'reminders',
    summaryKey: 'reminders.help.summary',
    async available(ctx) {
      return isOperator(services, ctx.actor) || (await administered(services, ctx)).length > 0;
    },
    async run(ctx): Promise<Reply[]> {
      const zone = isKnownTimeZone(ctx.actor.timeZone) ? ctx.actor.timeZone : 'UTC';
      const format = timeFormat(ctx.locale, zone);
      const sections: string[] = [];
      for (const org of await administered(services, ctx)) {
        const scheduled = await reminders.scheduledFor(org._id);
        sections.push(
          scheduled.length === 0
            ? ctx.t('reminders.none', { org: org.legalName })
            : [`*${ctx.t('reminders.title', { org: org.legalName, zone })}*`, ...(await lines(ctx, scheduled, format))].join('\n'),
        );
      }
      if (isOperator(services, ctx.actor)) {
        const scheduled = await reminders.scheduledFor();
        sections.push([`*${ctx.t('reminders.operator-title', { zone })}*`, ...(await lines(ctx, scheduled, format))].join('\n'));
      }
      if (sections.length === 0) throw new AppError('FORBIDDEN');
      return sections.map((section) => post(text(section)));
    },
  };
}
