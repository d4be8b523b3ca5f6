/**
 * Compiles the help-centre articles (bots/support/knowledge-base/articles/<lang>/<id>.md) into the
 * compiled.json the bot imports. Run after editing an article:
 *
 *   npm run kb:build            write compiled.json
 *   npm run kb:build -- --check exit 1 when compiled.json is out of date (for CI)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import {
  COMPILED_PATH,
  compileKnowledgeBase,
  serialiseKnowledgeBase,
} from '../bots/support/knowledge-base/compile.ts';

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
const { knowledgeBase, problems } = compileKnowledgeBase();
if (problems.length > 0) {
  console.error(`The knowledge base has ${problems.length} problem(s); compiled.json was not written:`);
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}

const target = relative(process.cwd(), COMPILED_PATH);
const next = serialiseKnowledgeBase(knowledgeBase);
if (values.check) {
  let current: unknown;
  try {
    current = JSON.parse(readFileSync(COMPILED_PATH, 'utf8'));
  } catch {
    current = undefined;
  }
  // Compare content, not bytes: a formatter may re-wrap the JSON without changing it.
  if (JSON.stringify(current) !== JSON.stringify(knowledgeBase)) {
    console.error(`${target} is out of date: run npm run kb:build`);
    process.exit(1);
  }
  console.log(`${target} is up to date (${knowledgeBase.articles.length} articles).`);
} else {
  writeFileSync(COMPILED_PATH, next);
  console.log(`Wrote ${target} (${knowledgeBase.articles.length} articles).`);
}
