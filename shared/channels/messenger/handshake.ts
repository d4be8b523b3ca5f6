/** Meta's subscription check for the Messenger product (see ../meta/handshake.ts). */
export { metaHandshake as messengerHandshake } from '../meta/handshake.ts';
