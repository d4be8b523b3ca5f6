import { LogFormatter, Logger, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, LogLevel, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import { redactText, redactValue } from './redaction.ts';

/**
 * Powertools' own JSON layout, with every attribute passed through the redaction layer on its way out:
 * message text, contacts and credentials are withheld by key, phone numbers, e-mail addresses and
 * tokens are masked wherever else they appear (the log message itself, error messages and stacks).
 * Redacting here, rather than trusting each call site, means a careless `logger.info(..., { event })`
 * still cannot put a customer's words or number into CloudWatch.
 */
export class RedactingLogFormatter extends LogFormatter {
  override formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const base = {
      level: attributes.logLevel,
      message: typeof attributes.message === 'string' ? redactText(attributes.message) : attributes.message,
      timestamp: this.formatTimestamp(attributes.timestamp),
      service: attributes.serviceName,
      cold_start: attributes.lambdaContext?.coldStart,
      function_arn: attributes.lambdaContext?.invokedFunctionArn,
      function_memory_size: attributes.lambdaContext?.memoryLimitInMB,
      function_name: attributes.lambdaContext?.functionName,
      function_request_id: attributes.lambdaContext?.awsRequestId,
      sampling_rate: attributes.sampleRateValue,
      xray_trace_id: attributes.xRayTraceId,
    };
    return new LogItem({ attributes: base }).addAttributes(redactValue(additional) as LogAttributes);
  }
}

export interface CreateLoggerOptions {
  readonly serviceName?: string;
  /** @default POWERTOOLS_LOG_LEVEL, else INFO */
  readonly logLevel?: LogLevel;
}

/** A structured logger that redacts personal data and secrets; tests create their own to capture output. */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  return new Logger({
    serviceName: options.serviceName ?? process.env.POWERTOOLS_SERVICE_NAME ?? 'omnichannel-support',
    logFormatter: new RedactingLogFormatter(),
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
  });
}

/**
 * One structured logger per process. Log ids (event, conversation, message) and outcomes; the
 * redaction layer is the safety net, not the licence to log message text or phone numbers.
 */
export const logger = createLogger();

/**
 * Runs `work` with `correlation_id` on every log line it writes, then removes it, so one record's id
 * never leaks onto the next record's lines. The id is the API Gateway request id of the webhook call
 * that brought the update in; queue envelopes carry it to the worker and on to the sender.
 */
export async function withCorrelationId<T>(
  correlationId: string | undefined,
  work: () => Promise<T>,
): Promise<T> {
  if (!correlationId) return work();
  logger.setCorrelationId(correlationId);
  try {
    return await work();
  } finally {
    logger.removeKeys(['correlation_id']);
  }
}
