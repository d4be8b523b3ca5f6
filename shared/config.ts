import { ENV } from './definitions.ts';

/** Reads a required environment variable, naming it when it is missing (fail at cold start, loudly). */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`Missing required environment variable ${name}`);
  return value;
}

export function optionalEnv(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

export interface PipelineConfig {
  readonly tableName: string;
  readonly inboundQueueUrl: string;
  readonly outboundQueueUrl: string;
  readonly inboundDeadLetterQueueUrl: string;
  readonly outboundDeadLetterQueueUrl: string;
}

export function pipelineConfig(): PipelineConfig {
  return {
    tableName: requireEnv(ENV.tableName),
    inboundQueueUrl: requireEnv(ENV.inboundQueueUrl),
    outboundQueueUrl: requireEnv(ENV.outboundQueueUrl),
    inboundDeadLetterQueueUrl: requireEnv(ENV.inboundDeadLetterQueueUrl),
    outboundDeadLetterQueueUrl: requireEnv(ENV.outboundDeadLetterQueueUrl),
  };
}
