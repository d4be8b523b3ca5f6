import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One structured logger per process. Never log message text, phone numbers or request bodies:
 * log ids (event, conversation, message) and outcomes only.
 */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'omnichannel-support',
});
