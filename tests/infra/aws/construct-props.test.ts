import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api';
import { describe, expect, it } from 'vitest';
import { OmnichannelSupportStack } from '../../../infra/aws/stack.ts';
import { ENV } from '../../../shared/definitions.ts';

function functionEnvironments(support: ConstructorParameters<typeof OmnichannelSupportStack>[2]) {
  const app = new App({ context: { [BUNDLING_STACKS]: [] } });
  const stack = new OmnichannelSupportStack(app, 'PropsTest', support);
  const resources = Template.fromStack(stack).findResources('AWS::Lambda::Function');
  return Object.values(resources).map(
    (resource) => (resource.Properties.Environment as { Variables: Record<string, unknown> }).Variables,
  );
}

describe('OmnichannelSupport props', () => {
  it('passes a custom public URL and a WhatsApp window template to the functions as configuration', () => {
    const environments = functionEnvironments({
      support: {
        publicBaseUrl: 'https://support.example.com',
        whatsappTemplate: { name: 'support_follow_up', language: 'pt_BR' },
      },
    });
    for (const variables of environments) {
      expect(variables[ENV.publicBaseUrl]).toBe('https://support.example.com');
      expect(variables[ENV.whatsappTemplateName]).toBe('support_follow_up');
      expect(variables[ENV.whatsappTemplateLanguage]).toBe('pt_BR');
    }
  });

  it('leaves them unset by default, so the API URL and the window_closed failure apply', () => {
    for (const variables of functionEnvironments({})) {
      expect(variables[ENV.publicBaseUrl]).toBeUndefined();
      expect(variables[ENV.whatsappTemplateName]).toBeUndefined();
    }
  });
});
