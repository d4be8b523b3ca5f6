import { isSameSecret } from '../secret-compare.ts';

/** WhatsApp webhooks carry Meta's signature (shared with Messenger in ../meta/). */
export {
  isAuthenticMetaRequest as isAuthenticWhatsappRequest,
  META_SIGNATURE_HEADER as WHATSAPP_SIGNATURE_HEADER,
  signMetaBody as signWhatsappBody,
} from '../meta/signature.ts';

/** Whether a GET handshake carries our verify token (constant time). */
export function isWhatsappVerifyToken(received: string | undefined, verifyToken: string): boolean {
  return isSameSecret(received, verifyToken);
}
