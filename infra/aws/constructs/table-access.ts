/**
 * Item-level DynamoDB actions the pipeline functions need. Narrower than grantReadWriteData: no Scan
 * (every access pattern is a key or Query) and no stream or table-level actions.
 * TransactWriteItems is authorised through the Put/Update/Delete/ConditionCheck actions it contains.
 */
export const TABLE_ITEM_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
] as const;
