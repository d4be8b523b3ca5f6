/** Messenger webhooks carry Meta's signature (shared with WhatsApp in ../meta/). */
export {
  isAuthenticMetaRequest as isAuthenticMessengerRequest,
  META_SIGNATURE_HEADER as MESSENGER_SIGNATURE_HEADER,
  signMetaBody as signMessengerBody,
} from '../meta/signature.ts';
