import { z } from 'zod';

/**
 * The parts of an incoming Bot Framework activity that botbuilder and this adapter read without
 * checking (activity.recipient.id, from.id, conversation.id, the tenant id…). A request without
 * them is the client's mistake: it gets a 400 naming the field instead of a crash (500).
 */
const account = z.object({ id: z.string().min(1) }).passthrough();

const activitySchema = z
  .object({
    type: z.string().min(1),
    serviceUrl: z.string().min(1),
    from: account,
    recipient: account,
    conversation: z.object({ id: z.string().min(1), tenantId: z.string().optional() }).passthrough(),
    channelData: z
      .object({ tenant: z.object({ id: z.string().optional() }).passthrough().optional() })
      .passthrough()
      .optional(),
    name: z.string().optional(),
  })
  .passthrough();

/** What botbuilder itself needs before authentication: a JSON object with an activity type and (it trims it) a service URL. */
const envelopeSchema = z.object({ type: z.string().min(1), serviceUrl: z.string().min(1) }).passthrough();

/** Thrown inside a turn for an activity of the wrong shape; the HTTP layer answers it with 400. */
export class ActivityShapeError extends Error {}

/** Undefined when the body can be handed to botbuilder; else what is wrong with it. */
export function envelopeProblem(body: unknown): string | undefined {
  return problemOf(envelopeSchema.safeParse(body));
}

/** Undefined when the activity has every field the bot reads; else what is wrong with it. */
export function activityProblem(activity: unknown): string | undefined {
  return problemOf(activitySchema.safeParse(activity));
}

function problemOf(result: z.ZodSafeParseResult<unknown>): string | undefined {
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  const path = issue.path.length ? issue.path.join('.') : 'body';
  return `invalid activity: ${path}: ${issue.message}`;
}
