import { optionalEnv } from '../../shared/config.ts';
import { ENV } from '../../shared/definitions.ts';
import type { TurnRequest } from '../../shared/domain/bot-turn.ts';
import type { Language } from '../../shared/domain/channel.ts';
import type { TableRef } from '../../shared/store/dynamo.ts';
import { moveIdentity } from '../../shared/store/identity-links.ts';
import { issueLinkCode, redeemLinkCode } from '../../shared/store/link-codes.ts';
import type { BotServices } from './agent-adapter.ts';
import { article } from './knowledge-base/index.ts';
import { detectLanguage, detectsPasswordOrSecret, linkCode, understand } from './nlu/index.ts';
import { DemoOrdersProvider } from './orders/demo-orders-provider.ts';
import { createHttpOrdersProvider, ordersApiOptionsFromEnv } from './orders/http-orders-provider.ts';
import { ORDER_MESSAGES } from './orders/order-messages.ts';
import { orderNumberFrom } from './orders/order-number.ts';
import { orderStatusReply } from './orders/order-reply.ts';
import { type OrdersProvider, OrdersUnavailableError } from './orders/orders-provider.ts';
import { ownsOrder } from './orders/ownership.ts';
import { accountHintFrom } from './password-reset/account-hint.ts';
import type { IdentityProvider } from './password-reset/identity-provider.ts';
import { identityProviderFromEnv, PASSWORD_RESET_ENV } from './password-reset/provider-from-env.ts';
import { startPasswordReset } from './password-reset/start-password-reset.ts';
import type { EffectResult } from './support-bot.ts';

/** How sure the detector must be before a conversation switches language mid-way. */
const LANGUAGE_SWITCH_CONFIDENCE = 0.6;

/**
 * The company's orders system when ORDERS_API_URL is set; the demo orders only locally (no channel
 * secret ARN); none on AWS otherwise, so no customer ever sees made-up orders (the bot offers a person).
 */
export function ordersProvider(env: NodeJS.ProcessEnv = process.env): OrdersProvider | undefined {
  const http = ordersApiOptionsFromEnv(env);
  if (http) return createHttpOrdersProvider(http);
  return env[ENV.channelSecretArn] ? undefined : new DemoOrdersProvider();
}

/** Cognito on AWS, the demo provider locally; none when neither is configured (the bot then explains self-service). */
function identityProvider(table: TableRef): IdentityProvider | undefined {
  const configured =
    optionalEnv(PASSWORD_RESET_ENV.cognitoClientId) ??
    (optionalEnv(PASSWORD_RESET_ENV.mailboxApiUrl) && optionalEnv(PASSWORD_RESET_ENV.publicBaseUrl));
  return configured ? identityProviderFromEnv(table) : undefined;
}

/** Everything the bot uses besides the SDK: understanding, the knowledge base, and its providers. */
export function createBotServices(table: TableRef): BotServices {
  const orders = ordersProvider();
  const identities = identityProvider(table);
  return {
    understand(text, hints) {
      const options = {
        ...(hints.locale ? { localeHint: hints.locale } : {}),
        ...(hints.remembered ? { remembered: hints.remembered } : {}),
      };
      const understanding = understand(text, options);
      // An e-mail address, an order number or "ok" says nothing about the language: keep the conversation's.
      const detected = detectLanguage(text, options);
      // Answering a question we asked ("your e-mail?") never switches the conversation's language.
      const keep = hints.awaiting !== undefined || detected.confidence < LANGUAGE_SWITCH_CONFIDENCE;
      const language =
        hints.remembered && !understanding.languageOverride && keep
          ? hints.remembered
          : understanding.language;
      const accountHint = accountHintFrom(text);
      const orderNumber = orderNumberFrom(text, { justAsked: hints.awaiting === 'order_number' });
      const code = linkCode(text);
      return {
        language,
        ...(understanding.languageOverride ? { languageOverride: true } : {}),
        intent: understanding.intent,
        confidence: understanding.confidence,
        article: understanding.article,
        ...(understanding.secondaryIntent ? { secondaryIntent: understanding.secondaryIntent } : {}),
        ...(accountHint ? { accountHint } : {}),
        ...(orderNumber ? { orderNumber } : {}),
        ...(code ? { linkCode: code } : {}),
        ...(detectsPasswordOrSecret(text) ? { containsSecret: true } : {}),
        ...(understanding.angry ? { angry: true } : {}),
        ...(understanding.urgent ? { urgent: true } : {}),
      };
    },
    article(id, language) {
      const found = article(id, language);
      return found
        ? { id: found.id, title: found.title, body: found.body, ...(found.url ? { url: found.url } : {}) }
        : undefined;
    },
    async runEffect(effect, request: TurnRequest, language): Promise<EffectResult> {
      if (effect.kind === 'start_password_reset') {
        if (!identities) return { kind: 'start_password_reset', outcome: 'unavailable' };
        const result = await startPasswordReset({
          table,
          provider: identities,
          now: request.now,
          senderKey: `${request.channel}:${request.customerId}`,
          accountHint: effect.accountHint,
          language,
        });
        return { kind: 'start_password_reset', outcome: result.outcome };
      }
      if (effect.kind === 'cancel_order') {
        if (!orders) return { kind: 'cancel_order', outcome: 'unavailable' };
        return cancelOrder(orders, effect.orderNumber, request, language);
      }
      if (effect.kind === 'issue_link_code') {
        return { kind: 'issue_link_code', code: await issueLinkCode(table, request.customerId, request.now) };
      }
      if (effect.kind === 'redeem_link_code') {
        const owner = await redeemLinkCode(table, effect.code, request.now);
        if (!owner) return { kind: 'redeem_link_code', outcome: 'invalid' };
        // The code's customer keeps the history; this chat's identity joins them (audited).
        if (owner !== request.customerId && request.from) {
          await moveIdentity(table, request.from, request.customerId, owner, request.now, 'link_code');
        }
        return { kind: 'redeem_link_code', outcome: 'linked' };
      }
      if (!orders) return { kind: 'find_order', outcome: 'unavailable' };
      try {
        const found = await orders.findOrder(effect.orderNumber);
        const reply = orderStatusReply(
          found,
          { verifiedPhones: request.verifiedPhones ?? [], verifiedEmails: [] },
          language,
        );
        return reply.shared
          ? { kind: 'find_order', outcome: 'shareable', summary: reply.text }
          : { kind: 'find_order', outcome: 'not_shareable' };
      } catch (error) {
        if (error instanceof OrdersUnavailableError) return { kind: 'find_order', outcome: 'unavailable' };
        throw error;
      }
    },
  };
}

/** Cancels an order for its verified owner only; the same "can't share" answer for anyone else. */
async function cancelOrder(
  orders: OrdersProvider,
  orderNumber: string,
  request: TurnRequest,
  language: Language,
): Promise<EffectResult> {
  try {
    const order = await orders.findOrder(orderNumber);
    const owner = { verifiedPhones: request.verifiedPhones ?? [], verifiedEmails: [] };
    if (!order || !ownsOrder(order, owner) || !orders.cancelOrder)
      return { kind: 'cancel_order', outcome: 'not_shareable' };
    const result = await orders.cancelOrder(orderNumber);
    if (result === 'not_found') return { kind: 'cancel_order', outcome: 'not_shareable' };
    const messages = ORDER_MESSAGES[language];
    return result === 'cancelled'
      ? { kind: 'cancel_order', outcome: 'cancelled', text: messages.cancelDone(order.number) }
      : { kind: 'cancel_order', outcome: 'too_late', text: messages.cancelTooLate(order.number) };
  } catch (error) {
    if (error instanceof OrdersUnavailableError) return { kind: 'cancel_order', outcome: 'unavailable' };
    throw error;
  }
}
