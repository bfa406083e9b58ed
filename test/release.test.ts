import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadFaq } from '../lambda/content/load-faq';
import type { Faq } from '../lambda/domain';
import { buildIndex } from '../lambda/match';
import { fingerprintSources, readPrecomputed, writePrecomputed } from '../lambda/precomputed';
import { releaseId } from '../lambda/release-id';
import { functionCode } from '../lib/function-code';
import { testConfig } from './support/messages';

const CONTENT = path.resolve(__dirname, '../content');
const CODE = '0123456789abcdef';
const config = testConfig();
const faq = loadFaq(CONTENT);

/** The FAQ with its first entry changed by `change` (a deep copy: the loaded FAQ stays as it is). */
function withFirstEntry(change: (entry: Faq['entries'][number]) => void): Faq {
  const copy = structuredClone(faq);
  change(copy.entries[0]);
  return copy;
}

describe('the release id', () => {
  const id = releaseId(CODE, { faq, config });

  it('is short, and the same for the same code, content and settings, however the FAQ was loaded', () => {
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(releaseId(CODE, { faq: loadFaq(CONTENT), config: testConfig() })).toBe(id);
    // From another folder (each entry's source names it) and from the index the stack packs: the same FAQ.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'faqmail-release-'));
    try {
      cpSync(CONTENT, path.join(dir, 'content'), { recursive: true });
      expect(releaseId(CODE, { faq: loadFaq(path.join(dir, 'content')), config })).toBe(id);
      writePrecomputed(dir, { faq, index: buildIndex(faq) }, config);
      expect(releaseId(CODE, readPrecomputed(dir, config))).toBe(id);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('changes with a changed answer, an added phrasing, a Not about line, a hand-over phrase or a synonym', () => {
    const changed = [
      withFirstEntry((e) => (e.answer += ' Ask us if unsure.')),
      withFirstEntry((e) => e.phrasings.push('How do I get an account for the OIN?')),
      withFirstEntry((e) => (e.notAbout = [...(e.notAbout ?? []), 'partner program'])),
      { ...faq, handover: [...(faq.handover ?? []), { reason: 'Legal', cues: ['lawyer'], source: { file: 'handover.md', line: 1 } }] },
      { ...faq, synonyms: [...faq.synonyms, ['sso', 'single sign-on']] },
    ].map((other) => releaseId(CODE, { faq: other, config }));
    expect(new Set([id, ...changed]).size).toBe(changed.length + 1);
  });

  it('changes with another answer threshold, another most answers, or another code fingerprint', () => {
    expect(releaseId(CODE, { faq, config: testConfig({ answerThreshold: config.answerThreshold + 0.01 }) })).not.toBe(id);
    expect(releaseId(CODE, { faq, config: testConfig({ maxAnswers: config.maxAnswers + 1 }) })).not.toBe(id);
    expect(releaseId('fedcba9876543210', { faq, config })).not.toBe(id);
  });

  it('stays the same for settings that decide nothing a verdict judges: the mode, the limits, the addresses', () => {
    const others = testConfig({
      mode: config.mode === 'shadow' ? 'auto' : 'shadow',
      senderDailyLimit: config.senderDailyLimit + 1,
      hourlyAnswerLimit: config.hourlyAnswerLimit + 1,
      staffAddresses: ['someone-else@example.org'],
      autoPrecisionBar: 0.5,
    });
    expect(releaseId(CODE, { faq, config: others })).toBe(id);
  });
});

describe('the code fingerprint', () => {
  it('changes with the fitted answer model (a .json file beside the sources), not only with a .ts file', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'faqmail-fingerprint-'));
    try {
      const lambdaDir = path.join(root, 'lambda');
      mkdirSync(path.join(lambdaDir, 'match'), { recursive: true });
      writeFileSync(path.join(root, 'package-lock.json'), '{}');
      writeFileSync(path.join(lambdaDir, 'match', 'answer-model.ts'), "import fitted from './answer-model.json';\n");
      writeFileSync(path.join(lambdaDir, 'match', 'answer-model.json'), '{"intercept": -1.5}');
      const before = fingerprintSources(lambdaDir);
      writeFileSync(path.join(lambdaDir, 'match', 'answer-model.json'), '{"intercept": -1.4}');
      expect(fingerprintSources(lambdaDir)).not.toBe(before);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the two functions of a deployment', () => {
  it('are bundled with the one code fingerprint, so that with the one packed FAQ index both compute the one release id', () => {
    const projectRoot = path.resolve(__dirname, '..');
    const bundled = (entry: string, handler: string) =>
      functionCode({ entry: path.join(projectRoot, 'lambda', entry), handler, projectRoot, assets: [] }).bundling?.define;
    const responder = bundled('handler.ts', 'handler');
    expect(responder?.FAQMAIL_CODE_FINGERPRINT).toMatch(/^"[0-9a-f]{16}"$/);
    expect(bundled('digest-handler.ts', 'digest')).toEqual(responder);
  });
});
