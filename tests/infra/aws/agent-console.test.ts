import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';

interface Behavior {
  readonly PathPattern?: string;
  readonly ViewerProtocolPolicy: string;
  readonly CachePolicyId: string;
  readonly OriginRequestPolicyId?: string;
}
interface DistributionConfig {
  readonly DefaultRootObject: string;
  readonly DefaultCacheBehavior: Behavior;
  readonly CacheBehaviors: readonly Behavior[];
  readonly CustomErrorResponses: readonly unknown[];
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

  it('serves the SPA over HTTPS with a fallback to index.html and the API at /api/* uncached', () => {
    const distribution = Object.values(synth.json.Resources).find(
      (resource) => resource.Type === 'AWS::CloudFront::Distribution',
    )?.Properties?.DistributionConfig as DistributionConfig;
    expect(distribution.DefaultRootObject).toBe('index.html');
    expect(distribution.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(distribution.CustomErrorResponses).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html' }),
        expect.objectContaining({ ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html' }),
      ]),
    );
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
