import { findPersona, type ChatDelivery } from '../../src/public.js';
import type { WebConversations } from './conversation.js';

/**
 * The playground's proactive channel: a notification for a persona lands in that persona's
 * conversation, flagged unread until its page shows it. Web users who are not personas cannot be
 * reached (false → the notifier sends email).
 * @example core.services.notifier.addDelivery(webDelivery(conversations));
 */
export function webDelivery(conversations: WebConversations): ChatDelivery {
  return {
    platform: 'web',
    async sendDirect(to, message) {
      const persona = to.platform === 'web' && to.workspaceId === 'web' ? findPersona(to.userId) : undefined;
      if (!persona) return false;
      await conversations.add({ personaId: persona.id, from: 'bot', message, proactive: true });
      return true;
    },
  };
}
