import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { InboundMessage } from '../lambda/domain';
import { parseMessage } from '../lambda/mail/parse';
import { receiptFromHeaders, sesAuthResults } from '../lambda/mail/receipt-headers';
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

describe("SES's SPF result, as long as its Received-SPF says", () => {
  // SES's SPF result is `spf=` and its Received-SPF value, whose last property is the HELO name the sender chose.
  const received = (helo: string) =>
    `pass (spfCheck: domain of evil.example designates 192.0.2.1 as permitted sender) client-ip=192.0.2.1; envelope-from=a@evil.example; helo=${helo};`;
  const rest = 'dkim=fail header.i=@evil.example; dkim=pass header.d=esp.example; dmarc=none header.from=victim.example;';
  const later = [
    { method: 'dkim', result: 'fail', properties: new Map([['header.i', '@evil.example']]) },
    { method: 'dkim', result: 'pass', properties: new Map([['header.d', 'esp.example']]) },
    { method: 'dmarc', result: 'none', properties: new Map([['header.from', 'victim.example']]) },
  ];
  const spf = (properties: Array<[string, string]>) => ({
    method: 'spf',
    result: 'pass',
    properties: new Map(properties),
    comment: 'spfCheck: domain of evil.example designates 192.0.2.1 as permitted sender',
  });
  const checked: Array<[string, string]> = [
    ['client-ip', '192.0.2.1'],
    ['envelope-from', 'a@evil.example'],
  ];

  it('reads nothing after helo= in it as a result or a property, and the CLI receipt counts none of it', () => {
    // Before: the HELO added a DKIM and a DMARC pass for victim.example, and replaced the envelope sender.
    const value = received(
      'mx; dkim=pass header.d=victim.example; dmarc=pass header.from=victim.example; envelope-from=ceo@victim.example',
    );
    const message = withHeaders({
      'received-spf': [value],
      'authentication-results': [`amazonses.com;  spf=${value.replace(/; /g, ';\t ')}  ${rest}`],
    });
    expect(sesAuthResults(message)).toEqual([spf(checked), ...later]);
    expect(receiptFromHeaders(message)).toMatchObject({ spf: 'PASS', dkim: 'PASS', dmarc: 'GRAY' });
    const failed = withHeaders({
      'received-spf': [value],
      'authentication-results': [`amazonses.com; spf=${value} dkim=fail header.i=@evil.example; dmarc=none`],
    });
    expect(receiptFromHeaders(failed)).toMatchObject({ dkim: 'FAIL', dmarc: 'GRAY' });
  });

  it.each([
    ['no Received-SPF', undefined],
    ['a Received-SPF of other text', received('mx.other.example')],
    ['a Received-SPF that ends inside a word of the field', received('mx.evil.example').slice(0, -8)],
    ['a Received-SPF without the separating blank', received('mx.evil.example').replace('; helo', ';helo')],
  ])('reads the field as before with %s', (_what, receivedSpf) => {
    const message = withHeaders({
      ...(receivedSpf === undefined ? {} : { 'received-spf': [receivedSpf] }),
      'authentication-results': [`amazonses.com; spf=${received('mx.evil.example')} ${rest}`],
    });
    // The old reading keeps helo= as a property of SPF's result.
    expect(sesAuthResults(message)).toEqual([spf([...checked, ['helo', 'mx.evil.example']]), ...later]);
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

describe("the From domain's DMARC policy, where SES's Authentication-Results give it", () => {
  const REAL_DIR = path.join(SHARED_DIR, 'fixtures/real');
  /**
   * The Authentication-Results field of a real message (in a part of it, some: a report quotes one) that
   * holds a DMARC result, unfolded, quoted-printable undone where the part is so encoded, with its
   * authserv-id made SES's and its DMARC result a failure: only SES's results count, and SES gives a
   * policy only beside a failure. The spellings are the receivers' own.
   */
  function asSesFailure(file: string): string {
    const text = readFileSync(path.join(REAL_DIR, file), 'latin1')
      .replace(/=\r?\n/g, '')
      .replace(/=3D/g, '=');
    const field = [...text.matchAll(/^Authentication-Results:(.*(?:\r?\n[ \t].*)*)/gm)]
      .map((match) => match[1].replace(/\r?\n[ \t]/g, ' ').trim())
      .find((value) => value.includes('dmarc='));
    if (field === undefined) throw new Error(`${file} has no DMARC result`);
    const results = field.split(';')[0].includes('=') ? field : field.slice(field.indexOf(';') + 1);
    return `amazonses.com; ${results.trim().replace(/dmarc=[a-z]+/, 'dmarc=fail')}`;
  }
  const policyIn = (value: string) => receiptFromHeaders(withHeaders({ 'authentication-results': [value] })).dmarcPolicy;

  describeIfShared('as real receivers write it', () => {
    it.each([
      // Mail.ru: a comment right after the result word.
      ['auto/zoonru-fixture_bounce_003.eml', 'reject'],
      ['auto/zoonru-fixture_bounce_005.eml', 'none'],
      // A `;` inside the comment, which ends no result.
      ['auto/sisimai-arf-18.eml', 'none'],
      // Google: p= and sp= alike.
      ['auto/sisimai-rhost-gsuite-06.eml', 'quarantine'],
      // The policy.dmarc property (RFC 8601's ptype "policy").
      ['human/stalwart-thirdparty-015.eml', 'none'],
      // Microsoft: action=.
      ['auto/sisimai-rhost-microsoft-03.eml', 'none'],
    ])('%s', (file, policy) => {
      expect(policyIn(asSesFailure(file))).toBe(policy);
    });
  });

  it.each([
    ['dmarc=fail (p=NONE sp=NONE dis=NONE) header.from=x.example', 'none'],
    ['dmarc=fail (p=reject,dis=none) header.from=x.example', 'reject'],
    ['dmarc=fail action=oreject header.from=x.example', 'reject'],
    ['dmarc=fail action=pct.quarantine header.from=x.example', 'quarantine'],
    ['dmarc=fail policy.dmarc=reject header.from=x.example', 'reject'],
    // Which of p= and sp= applies depends on where the record was found, which the comment does not say.
    ['dmarc=fail (p=NONE sp=REJECT dis=NONE) header.from=mail.x.example', undefined],
    ['dmarc=fail action=none policy.dmarc=reject header.from=x.example', undefined],
    ['dmarc=fail (p=strict) header.from=x.example', undefined],
    // SES's own spelling gives none.
    ['dmarc=fail header.from=x.example;', undefined],
    // SES gives a policy only beside a failure.
    ['dmarc=pass (p=none) header.from=x.example', undefined],
    ['dmarc=none (p=none) header.from=x.example', undefined],
  ])('amazonses.com; %s', (results, policy) => {
    expect(policyIn(`amazonses.com; ${results}`)).toBe(policy);
  });

  it('reads it from no other result or field: not a comment in the SPF result, nor one SES did not write', () => {
    const received = 'pass (spfCheck: p=none) client-ip=192.0.2.1; envelope-from=a@x.example; helo=mx (p=none);';
    const message = withHeaders({
      'received-spf': [received],
      'authentication-results': [
        `amazonses.com; spf=${received} dkim=fail (p=none) header.i=@x.example; dmarc=fail header.from=x.example;`,
        'amazonses.com; dmarc=fail (p=none) header.from=x.example',
        'mx.x.example; dmarc=fail (p=none) header.from=x.example',
      ],
    });
    expect(receiptFromHeaders(message)).toMatchObject({ dmarc: 'FAIL' });
    expect(receiptFromHeaders(message).dmarcPolicy).toBeUndefined();
    expect(policyIn('mx.google.com; dmarc=fail (p=NONE sp=NONE dis=NONE) header.from=x.example')).toBeUndefined();
  });

  it('names where it came from', () => {
    expect(receiptFromHeaders(withHeaders({ 'authentication-results': ['amazonses.com; dmarc=fail (p=none)'] }))).toMatchObject({
      dmarc: 'FAIL',
      dmarcPolicy: 'none',
      dmarcPolicySource: 'authentication-results',
    });
  });
});
