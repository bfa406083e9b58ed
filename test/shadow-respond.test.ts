/**
 * Shadow mode as `respond` composes it, over real-looking mail: whatever the decision, no mail is
 * addressed to anyone but staff, and every message auto mode answers is proposed to staff instead.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { respond } from '../lambda/respond';
import { passingReceipt, testConfig } from './support/messages';
import { noHistory } from '../tools/cli/local-responder';
import { sampleResponder } from './support/sample-faq';

const FOLDERS = ['inquiries'].map((folder) => path.resolve(__dirname, 'fixtures', folder));
const messages = FOLDERS.flatMap((folder) =>
  readdirSync(folder)
    .filter((name) => name.endsWith('.eml'))
    .map((name) => path.join(folder, name)),
);

describe('shadow mode over the inquiries', () => {
  const shadow = sampleResponder(testConfig({ mode: 'shadow' }));
  const auto = sampleResponder(testConfig({ mode: 'auto' }));
  const staff = new Set(shadow.config.staffAddresses.map((a) => a.toLowerCase()));

  it('addresses every mail to staff alone, in the envelope and the header, and proposes what auto mode answers', async () => {
    let proposed = 0;
    for (const file of messages) {
      const raw = readFileSync(file);
      const [inShadow, inAuto] = await Promise.all([shadow, auto].map((r) => respond(r, raw, passingReceipt(), noHistory)));
      for (const mail of inShadow.mails) {
        expect({ file, to: mail.to.filter((to) => !staff.has(to.toLowerCase())) }).toEqual({ file, to: [] });
        const header = await simpleParser(mail.raw);
        const listed = [header.to, header.cc, header.bcc].flatMap((a) => (a ? (Array.isArray(a) ? a : [a]) : [])).flatMap((a) => a.value);
        expect({ file, to: listed.map((a) => a.address ?? '').filter((to) => !staff.has(to.toLowerCase())) }).toEqual({ file, to: [] });
      }
      const answered = inAuto.mails.some((m) => m.kind === 'reply');
      expect({ file, heldBack: inShadow.heldBack }).toEqual({ file, heldBack: answered });
      if (answered) proposed += 1;
    }
    // Not vacuous: many of these are answered in auto mode.
    expect(proposed).toBeGreaterThan(10);
  });

  it("offers the verdict links in a proposal, as in any staff mail, naming the message's SES id", async () => {
    for (const file of messages) {
      const outcome = await respond(shadow, readFileSync(file), passingReceipt(), noHistory, {
        storedAt: 's3://b/in-7',
        inboundId: 'in-7',
      });
      if (!outcome.heldBack) continue;
      const text = (await simpleParser(outcome.mails[0].raw)).text ?? '';
      expect(text).toContain('faqmail-ref%3A%20in-7');
      return;
    }
    throw new Error('no inquiry is proposed in shadow mode');
  });
});
