/**
 * The core's public surface: all that adapters (and app/) may import from `src/`. The boundary test
 * (test/unit/boundaries.unit.test.ts) holds adapters to it, so what is not here stays free to change.
 */
export type { Config } from './config.js';
export { ConfigError, slackIsConfigured } from './config.js';
export type { Logger } from './logger.js';
export { loggableUrl } from './logger.js';
export type { Core, WiredServices } from './core/create-core.js';
export type { CoreServices } from './core/services.js';
export type { Engine } from './core/engine.js';
export type { Actor, InboundEvent, Input, Locale, Platform } from './core/events.js';
export { actorKey, linkVisitor, toLocale } from './core/events.js';
export type { Block, Button, FormBlock, FormField, Message, Reply } from './core/replies.js';
export type { AuditLog, ChatDelivery, Clock, Inbox } from './core/ports.js';
export { escapeHtml, mapMarkup } from './core/markup.js';
export { assertNever } from './core/decider.js';
export { createRecentWrites } from './core/recent-writes.js';
export { outboxReader } from './infrastructure/outbox.js';
export type { SecretBox } from './infrastructure/secret-box.js';
export { redactLinkTokensIn } from './core/tokens.js';
export { busyMessages } from './core/busy-messages.js';
export type { RefusalLog } from './org/refusals.js';
export { insertOnce } from './infrastructure/claims.js';
export { createTranslator, defineMessages, type Translate } from './i18n/translator.js';
export { findPersona, personaActor, personaConversationId, PERSONAS, type Persona } from './demo/personas.js';
export { modelOf } from './infrastructure/model-of.js';
