import type { ComplianceKeyword } from '../../domain/compliance.ts';
import { SMS_HELP_TEXT } from '../../domain/compliance.ts';
import type { Conversation } from '../../domain/conversation.ts';
import type { Customer } from '../../domain/customer.ts';
import type { CustomerMessage } from '../../domain/events.ts';
import type { OutboundMessage, OutboundWork } from '../../domain/messages.ts';
import { messageId, stableDigest } from '../../store/ids.ts';
import { appendOutboundMessage } from '../../store/transcript.ts';
import type { ConversationWorkerDeps } from '../handle-inbound-event.ts';

/**
 * SMS keywords are answered by the layer itself, whoever owns the conversation: HELP gets the help
 * text; STOP and START only change whether we may send (the carrier or Twilio confirms them).
 */
export async function complianceReply(
  deps: ConversationWorkerDeps,
  keyword: ComplianceKeyword,
  event: CustomerMessage,
  customer: Customer,
  conversation: Conversation,
): Promise<OutboundWork[]> {
  if (keyword !== 'help') return [];
  const message: OutboundMessage = {
    messageId: messageId(
      new Date(Date.parse(event.occurredAt) || deps.now().getTime()),
      `${stableDigest(event.eventId, 16)}-help`,
    ),
    conversationId: conversation.conversationId,
    author: { kind: 'bot' },
    to: event.address,
    text: SMS_HELP_TEXT[customer.language ?? 'en'],
    quickReplies: [],
    status: 'queued',
    purpose: 'compliance',
    createdAt: deps.now().toISOString(),
  };
  await appendOutboundMessage(deps.table, message);
  return [{ kind: 'message', conversationId: conversation.conversationId, messageId: message.messageId }];
}
