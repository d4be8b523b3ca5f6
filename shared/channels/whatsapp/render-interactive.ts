import type { QuickReply } from '../../domain/messages.ts';
import { UndeliverableMessageError } from '../errors.ts';
import { shortened } from './split-text.ts';
import type { InteractiveButtons, InteractiveList } from './wire-types.ts';

/** Reply buttons: up to 3, title ≤ 20 characters, id ≤ 256, body ≤ 1024 (Meta's interactive reference). */
export const REPLY_BUTTONS = { max: 3, titleMax: 20, idMax: 256, bodyMax: 1024 } as const;
/** List: up to 10 rows, row title ≤ 24, row id ≤ 200, button label and section title ≤ 20/24, body ≤ 4096. */
export const LIST = { max: 10, titleMax: 24, idMax: 200, bodyMax: 4096 } as const;
/** The label of the button that opens the list (also the section title). */
export const LIST_BUTTON_LABEL = 'Options';

/** How quick replies are shown on WhatsApp, by how many there are. */
export type QuickReplyStyle = 'none' | 'buttons' | 'list' | 'numbered_text';

export function quickReplyStyle(quickReplies: readonly QuickReply[]): QuickReplyStyle {
  if (quickReplies.length === 0) return 'none';
  if (quickReplies.length <= REPLY_BUTTONS.max) return 'buttons';
  if (quickReplies.length <= LIST.max) return 'list';
  return 'numbered_text';
}

export function replyButtons(body: string, quickReplies: readonly QuickReply[]): InteractiveButtons {
  return {
    type: 'button',
    body: { text: body },
    action: {
      buttons: quickReplies.map((reply) => ({
        type: 'reply',
        reply: {
          id: checkedId(reply.payload, REPLY_BUTTONS.idMax),
          title: label(reply, REPLY_BUTTONS.titleMax),
        },
      })),
    },
  };
}

export function listMessage(body: string, quickReplies: readonly QuickReply[]): InteractiveList {
  return {
    type: 'list',
    body: { text: body },
    action: {
      button: LIST_BUTTON_LABEL,
      sections: [
        {
          title: LIST_BUTTON_LABEL,
          rows: quickReplies.map((reply) => ({
            id: checkedId(reply.payload, LIST.idMax),
            title: label(reply, LIST.titleMax),
          })),
        },
      ],
    },
  };
}

/** More choices than a list holds: the customer answers with the number (the bot reads text). */
export function withNumberedChoices(text: string, quickReplies: readonly QuickReply[]): string {
  const lines = quickReplies.map((reply, index) => `${index + 1}. ${reply.label.trim()}`);
  return `${text.trimEnd()}\n\n${lines.join('\n')}`;
}

function label(reply: QuickReply, max: number): string {
  const title = shortened(reply.label, max);
  if (title === '') throw new UndeliverableMessageError('whatsapp', 'a quick reply needs a visible label');
  return title;
}

/** The payload comes back verbatim in the tap, so it cannot be shortened: too long is undeliverable. */
function checkedId(payload: string, max: number): string {
  const length = Array.from(payload).length;
  if (length < 1 || length > max) {
    throw new UndeliverableMessageError(
      'whatsapp',
      `quick reply payload must be 1-${max} characters, got ${length}`,
    );
  }
  return payload;
}
