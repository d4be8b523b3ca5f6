// Entry point of `cdk synth` / `cdk deploy` (see cdk.json). The CLI synthesizes the app on exit.
import { createApp } from './create-app.ts';

createApp();
