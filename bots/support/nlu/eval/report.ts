import { LANGUAGES } from '../../../../shared/domain/channel.ts';
import { accuracy, type EvaluationReport, type Tally } from './evaluate.ts';

const percent = (entry: Tally) => `${(accuracy(entry) * 100).toFixed(1)} %`;
const cell = (entry: Tally) =>
  entry.total === 0 ? '–' : `${percent(entry)} (${entry.correct}/${entry.total})`;

/**
 * The evaluation as Markdown tables (pasted into docs/nlu.md) followed by the confusions and, with
 * `misses`, every message that went wrong — the list to read when tuning on the dev set.
 */
export function formatReport(report: EvaluationReport, options: { misses?: boolean } = {}): string {
  const lines: string[] = [];
  lines.push('| language | intent accuracy | article top-1 | language detected |', '|---|---|---|---|');
  for (const language of LANGUAGES) {
    const entry = report.byLanguage[language];
    lines.push(`| ${language} | ${cell(entry.intent)} | ${cell(entry.article)} | ${cell(entry.detection)} |`);
  }
  const all = report.overall;
  lines.push(`| **all** | ${cell(all.intent)} | ${cell(all.article)} | ${cell(all.detection)} |`, '');
  lines.push('| intent | en | pt | pl | all |', '|---|---|---|---|---|');
  for (const [intent, entry] of report.byIntent) {
    lines.push(
      `| ${intent} | ${cell(entry.en)} | ${cell(entry.pt)} | ${cell(entry.pl)} | ${cell(entry.all)} |`,
    );
  }
  lines.push('', '| confidence | messages | intent accuracy |', '|---|---|---|');
  for (const { from, to, tally } of report.calibration) {
    lines.push(
      `| ${from.toFixed(2)}–${to.toFixed(2)} | ${tally.total} | ${tally.total ? percent(tally) : '–'} |`,
    );
  }
  lines.push('', 'Confusions (expected → predicted):');
  if (report.confusions.length === 0) lines.push('  none');
  for (const { expected, predicted, count } of report.confusions)
    lines.push(`  ${count} × ${expected} → ${predicted}`);
  if (options.misses) {
    lines.push('', 'Misses:');
    for (const { example, got } of report.misses) {
      const article = example.article === got.article ? '' : ` article ${example.article} → ${got.article}`;
      const intent = example.intent === got.intent ? '' : ` intent ${example.intent} → ${got.intent}`;
      lines.push(
        `  [${example.language}→${got.language}]${intent}${article} (${got.confidence}): ${example.text}`,
      );
    }
  }
  return lines.join('\n');
}
