/**
 * The channel-linking code: the app (Account > Connected chats) shows a 6-digit code and the customer
 * sends "LINK 123456" from the chat to add. Tolerates what phones do to it: lower case, a colon or
 * hash, a space or dash inside the number ("link 123 456"), surrounding words.
 */
const LINK_CODE = /(?:^|[^\p{L}\p{N}])link\s*[:#-]?\s*(\d{3})[\s-]?(\d{3})(?!\d)/iu;

/** The 6-digit code of a "LINK 123456" message, or undefined. */
export function linkCode(text: string): string | undefined {
  const match = LINK_CODE.exec(text.slice(0, 500));
  return match ? `${match[1]}${match[2]}` : undefined;
}
