import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { InboundMessage } from '../lambda/domain';
import { parseMessage } from '../lambda/mail/parse';
import { receiptFromHeaders } from '../lambda/mail/receipt-headers';
import { describeIfShared, SHARED_DIR } from './support/shared';

const own = (name: string) => parseMessage(readFileSync(path.join(__dirname, 'fixtures/mail', name)));
const dev = (name: string) => parseMessage(readFileSync(path.join(SHARED_DIR, 'eval/dev', name)));

function withHeaders(fields: Record<string, string[]>): InboundMessage {
  return { headers: new Map(Object.entries(fields)) } as unknown as InboundMessage;
}

describe('receiptFromHeaders', () => {
  it('reads the verdicts SES wrote, from its own topmost Authentication-Results only', async () => {
    // Below SES's own, the fixture carries a forged "amazonses.com" result that passes all,
    // and one from the sender's server; RFC 8601 comments ("dmarc=pass in a comment") do not count.
    expect(receiptFromHeaders(await own('ses-verdicts.eml'), ['Developers@Example.com'])).toEqual({
      recipients: ['developers@example.com'],
      spam: 'FAIL',
      virus: 'PASS',
      spf: 'GRAY',
      dkim: 'PASS',
      dmarc: 'FAIL',
    });
  });

  it('says UNKNOWN, never FAIL, for what is absent', async () => {
    expect(receiptFromHeaders(await own('gmail-reply.eml'))).toEqual({
      recipients: [],
      spam: 'UNKNOWN',
      virus: 'UNKNOWN',
      spf: 'UNKNOWN',
      dkim: 'UNKNOWN',
      dmarc: 'UNKNOWN',
    });
  });

  it('falls back to Received-SPF for SPF and maps the RFC 8601 result words', () => {
    const receipt = receiptFromHeaders(
      withHeaders({
        'received-spf': ['temperror (spfCheck: DNS timeout)'],
        'authentication-results': ['amazonses.com; dkim=none; dmarc=permerror header.from=x.com'],
        'x-ses-spam-verdict': ['gray'],
      }),
    );
    expect(receipt).toMatchObject({ spam: 'GRAY', virus: 'UNKNOWN', spf: 'PROCESSING_FAILED', dkim: 'GRAY', dmarc: 'PROCESSING_FAILED' });
  });
});

describeIfShared('receiptFromHeaders on the dev set', () => {
  it.each([
    ['d012.eml', { spam: 'FAIL', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'GRAY' }],
    ['d052.eml', { spam: 'PASS', virus: 'FAIL', spf: 'PASS', dkim: 'PASS', dmarc: 'GRAY' }],
    ['d072.eml', { spam: 'PASS', virus: 'PASS', spf: 'GRAY', dkim: 'GRAY', dmarc: 'FAIL' }],
    ['d001.eml', { spam: 'PASS', virus: 'PASS', dmarc: 'PASS' }],
  ])('%s', async (file, expected) => {
    expect(receiptFromHeaders(await dev(file))).toMatchObject(expected);
  });
});
