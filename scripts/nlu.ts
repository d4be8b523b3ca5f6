/**
 * The bot's understanding from the command line, for tuning and evaluation. Offline and fast.
 *
 *   npm run --silent nlu < messages.txt        one message per line in, one JSON object per line out:
 *                                              {"text","language","intent","confidence","article"}
 *   npm run --silent nlu -- --evaluate [file]  accuracy report for a labelled JSONL set
 *                                              (default: the held-out test set); --misses lists errors
 *   npm run --silent nlu -- --hint pt-BR       a platform locale hint for every message
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { understand } from '../bots/support/nlu/index.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    evaluate: { type: 'boolean', default: false },
    misses: { type: 'boolean', default: false },
    hint: { type: 'string' },
  },
});

if (values.evaluate) {
  const file =
    positionals[0] ?? fileURLToPath(new URL('../bots/support/nlu/eval/test-set.jsonl', import.meta.url));
  // Loaded only here: reading messages from stdin should start as fast as possible.
  const { evaluate, parseLabelledSet } = await import('../bots/support/nlu/eval/evaluate.ts');
  const { formatReport } = await import('../bots/support/nlu/eval/report.ts');
  const report = evaluate(parseLabelledSet(readFileSync(file, 'utf8')));
  console.log(formatReport(report, { misses: values.misses }));
} else {
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  const options = values.hint ? { localeHint: values.hint } : {};
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const { text, language, intent, confidence, article } = understand(line, options);
    process.stdout.write(`${JSON.stringify({ text, language, intent, confidence, article })}\n`);
  }
}
