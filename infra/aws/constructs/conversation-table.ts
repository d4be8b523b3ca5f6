import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE } from '../../../shared/definitions.ts';

export interface ConversationTableProps {
  /**
   * Encryption at rest. DynamoDB always encrypts; the AWS-owned key costs nothing, needs no KMS
   * permissions on the functions' roles and no key policy to run. Pass a customer-managed key only
   * when the organisation must audit or revoke key use itself.
   * @default TableEncryptionV2.dynamoOwnedKey()
   */
  readonly encryption?: TableEncryptionV2;
}

/** The single DynamoDB table: customers, identities, conversations, messages and event claims. */
export class ConversationTable extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: ConversationTableProps = {}) {
    super(scope, id);
    this.table = new TableV2(this, 'Table', {
      // No tableName: CloudFormation names it, so two stacks can live in one account.
      partitionKey: { name: TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: AttributeType.STRING },
      timeToLiveAttribute: TABLE.timeToLiveAttribute,
      billing: Billing.onDemand(),
      encryption: props.encryption ?? TableEncryptionV2.dynamoOwnedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // Conversation history is the product: never let a stack deletion take it.
      removalPolicy: RemovalPolicy.RETAIN,
      globalSecondaryIndexes: Object.values(TABLE.indexes).map((index) => ({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      })),
    });
  }
}
