import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { UserPool, UserPoolClient, UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { AGENT_API } from '../../../shared/definitions.ts';

export interface AgentConsoleProps {
  /** The HTTP API holding /api/*: served under the console's own domain, so no CORS is needed. */
  readonly httpApi: HttpApi;
}

/**
 * The agent console: its built files in a private S3 bucket, read only by CloudFront through Origin
 * Access Control; the agent API behind the same distribution at /api/* (never cached); an SPA
 * fallback to index.html. The files are uploaded by {@link AgentConsoleFiles}, in a stack of its own.
 */
export class AgentConsole extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** https://<distribution domain> */
  readonly url: string;

  constructor(scope: Construct, id: string, props: AgentConsoleProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Files', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Built files only: a redeploy recreates them.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // The SPA routes itself: a path without a file extension (/c/<id>, /callback) gets the page.
    // A viewer-request function, not error responses, which would also turn the API's 404s into pages.
    const spaRoutes = new CloudFrontFunction(this, 'SpaRoutes', {
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Console routes without a file extension get index.html',
      code: FunctionCode.fromInline(
        "function handler(event) { var request = event.request; if (request.uri.indexOf('.') === -1) { request.uri = '/index.html'; } return request; }",
      ),
    });
    const apiDomain = `${props.httpApi.apiId}.execute-api.${Stack.of(this).region}.${Aws.URL_SUFFIX}`;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Agent console',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        compress: true,
        functionAssociations: [{ function: spaRoutes, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        [`${AGENT_API.pathPrefix}/*`]: {
          origin: new HttpOrigin(apiDomain, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            // The events long poll waits up to 20 s.
            readTimeout: Duration.seconds(30),
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // API Gateway needs its own Host header; everything else (Authorization included) passes.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        },
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;

    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'The bucket holds only the public build of the console, read by CloudFront alone; access to the console is what matters and the API logs every call.',
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'Agents work from wherever the organisation employs them; sign-in is gated by Cognito, so geographic restriction is left to the organisation.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'A WAF web ACL is billed per ACL and rule; the API behind /api/* has throttling and a JWT authorizer, and an organisation can attach its own ACL.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'The distribution serves static files and proxies the API, whose access log already records every call; standard logs would need a separate ACL-enabled bucket.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The default cloudfront.net certificate fixes the minimum protocol at TLSv1; with a custom domain and certificate the organisation sets TLSv1.2_2021.',
      },
    );
  }

  /** Sign-in: Cognito's hosted UI on a prefix domain, for the console's code + PKCE flow. */
  addSignIn(userPool: UserPool, domainPrefix: string): UserPoolDomain {
    return userPool.addDomain('ConsoleSignIn', { cognitoDomain: { domainPrefix } });
  }
}

/** The wildcard grants aws-cdk-lib gives the BucketDeployment handler (cdk-nag IAM5 findings). */
export const BUCKET_DEPLOYMENT_WILDCARDS = [
  'Action::s3:GetObject*',
  'Action::s3:GetBucket*',
  'Action::s3:List*',
  'Action::s3:DeleteObject*',
  'Action::s3:Abort*',
  'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
  'Resource::OmnichannelSupport:ExportsOutputFnGetAttSupportAgentConsoleFilesD213F31FArn7DF348E0/*',
  // The same grant as it reads before synthesis turns the cross-stack reference into an export.
  'Resource::<SupportAgentConsoleFilesD213F31F.Arn>/*',
  // And as `cdk synth` renders it with this repo's cdk.json (a stack-output reference).
  'Resource::{"Fn::GetStackOutput":{"StackName":"OmnichannelSupport","Region":{"Ref":"AWS::Region"},"OutputName":"PublishOutputFnGetAttSupportAgentConsoleFilesD213F31FArn826C6692"}}/*',
  'Resource::*',
] as const;

export interface AgentConsoleFilesProps {
  readonly console: AgentConsole;
  readonly client: UserPoolClient;
  readonly signInDomain: UserPoolDomain;
  /** console/dist, built before synth. */
  readonly distDir: string;
}

/**
 * Uploads the built console and its config.json (the Cognito domain and client id the SPA needs),
 * then invalidates CloudFront. In a stack of its own because the upload runs as a custom-resource
 * function, which the backbone stack keeps out (its functions are exactly the pipeline's).
 */
export class AgentConsoleFiles extends Construct {
  constructor(scope: Construct, id: string, props: AgentConsoleFilesProps) {
    super(scope, id);
    new BucketDeployment(this, 'Upload', {
      destinationBucket: props.console.bucket,
      sources: [
        Source.asset(props.distDir),
        Source.jsonData('config.json', {
          mode: 'cognito',
          apiUrl: '',
          cognitoDomain: props.signInDomain.baseUrl(),
          clientId: props.client.userPoolClientId,
        }),
      ],
      distribution: props.console.distribution,
      distributionPaths: ['/index.html', '/config.json'],
      memoryLimit: 256,
    });
    // The stack holds only this upload, whose function and role aws-cdk-lib defines: the findings
    // are acknowledged on the stack, each by its exact id.
    const uploadReason =
      "CDK's BucketDeployment handler (it runs only while deploying) reads its asset from the CDK assets bucket, replaces every object of the console bucket and invalidates the distribution: its own grants use object wildcards within those resources, and aws-cdk-lib picks its runtime.";
    Validations.of(Stack.of(this)).acknowledge(
      ...[
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        ...BUCKET_DEPLOYMENT_WILDCARDS.map((finding) => `AwsSolutions-IAM5[${finding}]`),
        'AwsSolutions-L1',
      ].map((id) => ({ id, reason: uploadReason })),
    );
  }
}
