import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { HttpMethod, type ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  Mfa,
  OAuthScope,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { ADMIN_GROUP, LEADS_GROUP } from '../../../shared/agent-api/principal.ts';
import { AGENT_API } from '../../../shared/definitions.ts';
import type { ChannelWebhookApi } from './channel-webhook-api.ts';

export interface AgentApiProps {
  /** The agent routes share the webhook API's stage, domain and access logs. */
  readonly api: ChannelWebhookApi;
  /** Per agent route: a stuck console or a runaway script cannot starve the webhooks. */
  readonly throttle: ThrottleSettings;
  readonly handler: IFunction;
  /** Teams (Cognito groups) agents can belong to; `admins` is added. */
  readonly teams: readonly string[];
  /** Where the console lives, for Cognito's sign-in redirects (authorization code + PKCE). */
  readonly consoleUrls: readonly string[];
}

/**
 * Agents sign in with a Cognito user pool (teams are groups, an `admins` group sees every team,
 * MFA optional), and every /api route but the OpenAPI document sits behind API Gateway's JWT
 * authorizer: the function only ever sees verified claims.
 */
export class AgentApi extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly authorizer: HttpJwtAuthorizer;

  constructor(scope: Construct, id: string, props: AgentApiProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Agents', {
      // Agents are invited by an administrator, never self-registered.
      selfSignUpEnabled: false,
      signInAliases: { email: true, username: true },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge(
      {
        id: 'AwsSolutions-COG2',
        reason:
          'MFA is optional by design: each organisation decides; agents can enrol an authenticator app (TOTP) and an administrator can make it required on the pool.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason:
          'Threat protection needs the Cognito Plus feature plan, billed per monthly active user; an organisation that wants it enables it on the pool. Agents are invited only and MFA is available.',
      },
    );
    for (const group of [...new Set([...props.teams, ADMIN_GROUP, LEADS_GROUP])]) {
      new CfnUserPoolGroup(this, `Group-${group}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: group,
        description:
          group === ADMIN_GROUP
            ? 'Sees and acts on every team'
            : group === LEADS_GROUP
              ? 'Team leads: read the weekly reports'
              : `Agents of the ${group} team`,
      });
    }
    this.client = this.userPool.addClient('Console', {
      // A browser app: no client secret; the authorization-code flow with PKCE.
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [...props.consoleUrls],
        logoutUrls: [...props.consoleUrls],
      },
      idTokenValidity: Duration.hours(8),
      accessTokenValidity: Duration.hours(8),
      refreshTokenValidity: Duration.days(7),
      preventUserExistenceErrors: true,
    });

    this.authorizer = new HttpJwtAuthorizer(
      'AgentJwt',
      `https://cognito-idp.${this.userPool.stack.region}.amazonaws.com/${this.userPool.userPoolId}`,
      { jwtAudience: [this.client.userPoolClientId], identitySource: ['$request.header.Authorization'] },
    );
    const integration = new HttpLambdaIntegration('AgentApi', props.handler);
    const proxyPath = `${AGENT_API.pathPrefix}/{proxy+}`;
    const authorized = props.api.httpApi.addRoutes({
      path: proxyPath,
      methods: [HttpMethod.GET, HttpMethod.POST],
      integration,
      authorizer: this.authorizer,
    });
    props.api.throttleRoutes(authorized, [`GET ${proxyPath}`, `POST ${proxyPath}`], props.throttle);
    for (const route of AGENT_API.publicRoutes) {
      const [method, path] = route.split(' ') as [keyof typeof HttpMethod, string];
      const routes = props.api.httpApi.addRoutes({ path, methods: [HttpMethod[method]], integration });
      props.api.throttleRoutes(routes, [route], props.throttle);
      for (const r of routes)
        Validations.of(r).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: 'The OpenAPI description of the agent API is public documentation; it holds no data.',
        });
    }
  }
}
