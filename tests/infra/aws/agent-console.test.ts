import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';

interface Behavior {
  readonly PathPattern?: string;
  readonly ViewerProtocolPolicy: string;
  readonly CachePolicyId: string;
  readonly OriginRequestPolicyId?: string;
  readonly FunctionAssociations?: readonly { EventType: string }[];
}
interface DistributionConfig {
  readonly DefaultRootObject: string;
  readonly DefaultCacheBehavior: Behavior;
  readonly CacheBehaviors: readonly Behavior[];
  readonly CustomErrorResponses?: readonly unknown[];
}

import { type ShapeSynth, synthesizeShape } from './synthesize.ts';

let synth: ShapeSynth;
beforeAll(() => {
  synth = synthesizeShape();
}, 60_000);

describe('agent console on AWS (S3 + CloudFront)', () => {
  it('keeps the files in a private, encrypted bucket that only CloudFront (OAC) may read', () => {
    synth.template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: Match.anyValue(),
    });
    synth.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    synth.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 's3:GetObject',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Effect: 'Allow',
          }),
        ]),
      },
    });
  });

  it('serves the SPA over HTTPS, app routes as index.html, and the API at /api/* uncached', () => {
    const distribution = Object.values(synth.json.Resources).find(
      (resource) => resource.Type === 'AWS::CloudFront::Distribution',
    )?.Properties?.DistributionConfig as DistributionConfig;
    expect(distribution.DefaultRootObject).toBe('index.html');
    expect(distribution.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    // SPA routes by a viewer-request function; error responses would turn the API's 404s into pages.
    expect(distribution.CustomErrorResponses).toBeUndefined();
    expect(distribution.DefaultCacheBehavior.FunctionAssociations).toEqual([
      expect.objectContaining({ EventType: 'viewer-request' }),
    ]);
    const code = String(
      Object.values(synth.json.Resources).find((resource) => resource.Type === 'AWS::CloudFront::Function')
        ?.Properties?.FunctionCode,
    );
    // The function itself, run as CloudFront would: app routes get the page, files and / pass.
    const handler = new Function(`${code}; return handler;`)() as (event: { request: { uri: string } }) => {
      uri: string;
    };
    expect(handler({ request: { uri: '/c/conv_1' } }).uri).toBe('/index.html');
    expect(handler({ request: { uri: '/callback' } }).uri).toBe('/index.html');
    expect(handler({ request: { uri: '/assets/index-abc.js' } }).uri).toBe('/assets/index-abc.js');
    expect(handler({ request: { uri: '/config.json' } }).uri).toBe('/config.json');
    const api = distribution.CacheBehaviors.find((behavior) => behavior.PathPattern === '/api/*');
    // The managed CachingDisabled policy and AllViewerExceptHostHeader.
    expect(api).toMatchObject({
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
      ViewerProtocolPolicy: 'https-only',
    });
  });

  it('lets Cognito redirect back to the console and offers the hosted sign-in domain', () => {
    synth.template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    const client = Object.values(synth.json.Resources).find(
      (resource) => resource.Type === 'AWS::Cognito::UserPoolClient',
    )?.Properties as Record<string, unknown>;
    expect(JSON.stringify(client.CallbackURLs)).toContain('/callback');
    expect(JSON.stringify(client.CallbackURLs)).toContain('DomainName');
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.GenerateSecret).toBe(false);
  });
});
