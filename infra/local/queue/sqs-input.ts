/** Typed reads from an SQS JSON request body, failing with the errors SQS would send. */
import type { MessageAttributes, MessageAttributeValue } from './message-types.ts';
import { SqsError } from './sqs-errors.ts';

export type SqsInput = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is SqsInput {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseInput(body: string): SqsInput {
  if (body.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new SqsError('SerializationException', 'The request body is not valid JSON.');
  }
  if (!isObject(value))
    throw new SqsError('SerializationException', 'The request body must be a JSON object.');
  return value;
}

function wrongType(name: string, expected: string): SqsError {
  return new SqsError('SerializationException', `Parameter ${name} must be ${expected}.`);
}

export function optionalString(input: SqsInput, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw wrongType(name, 'a string');
  return value;
}

export function requiredString(input: SqsInput, name: string): string {
  const value = optionalString(input, name);
  if (value === undefined || value === '') {
    throw new SqsError('MissingParameter', `The request must contain the parameter ${name}.`);
  }
  return value;
}

export function optionalInteger(input: SqsInput, name: string): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType(name, 'an integer');
  return value;
}

export function requiredInteger(input: SqsInput, name: string): number {
  const value = optionalInteger(input, name);
  if (value === undefined)
    throw new SqsError('MissingParameter', `The request must contain the parameter ${name}.`);
  return value;
}

export function stringList(input: SqsInput, name: string): string[] {
  const value = input[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw wrongType(name, 'a list of strings');
  }
  return value;
}

export function objectList(input: SqsInput, name: string): SqsInput[] {
  const value = input[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every(isObject)) throw wrongType(name, 'a list of objects');
  return value;
}

function attributeValue(name: string, value: unknown): MessageAttributeValue {
  if (!isObject(value)) throw wrongType(`MessageAttributes.${name}`, 'an object');
  const dataType = optionalString(value, 'DataType');
  const stringValue = optionalString(value, 'StringValue');
  const binaryValue = optionalString(value, 'BinaryValue');
  return {
    DataType: dataType ?? '',
    ...(stringValue === undefined ? {} : { StringValue: stringValue }),
    ...(binaryValue === undefined ? {} : { BinaryValue: binaryValue }),
  };
}

/** Message attributes as sent; structure only, the rules are in sqs-validation.ts. */
export function optionalMessageAttributes(input: SqsInput, name: string): MessageAttributes | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw wrongType(name, 'a map');
  const attributes: MessageAttributes = {};
  for (const [attributeName, attribute] of Object.entries(value)) {
    attributes[attributeName] = attributeValue(attributeName, attribute);
  }
  return Object.keys(attributes).length > 0 ? attributes : undefined;
}
