import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fingerprintSources } from '../lambda/precomputed';

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
