import { simpleParser } from 'mailparser';
import { composeEscalation } from '../lambda/compose/escalation';
import { NOTHING_SENT, shadowProposal } from '../lambda/compose/shadow-proposal';
import type { Receipt } from '../lambda/domain';
import { describeVouched, vouchedSender } from '../lambda/mail/authentication';
import { buildIndex } from '../lambda/match';
import { parseVerdict, VERDICT_WORDS } from '../lambda/verdicts/parse-verdict';
import { findVerdictRef, withoutVerdictRef } from '../lambda/verdicts/verdict-ref';
import { mailtoUri } from '../lambda/compose/mailto';
import { verdictFooter } from '../lambda/compose/verdict-footer';
import { onChosen, resolveEntry } from '../lambda/verdicts/resolve-entry';
import { overruledLate, overruling } from '../lambda/verdicts/overrule';
import { recognizeStaffReply } from '../lambda/verdicts/staff-reply';
import { respond } from '../lambda/respond';
import { noHistory } from '../tools/cli/local-responder';
import { addressHash } from '../lambda/state/table-schema';
import type { StaffVerdict } from '../lambda/state/decision-record';
import { address, decision, faqEntry, inboundMessage, passingReceipt, scored, testConfig } from './support/messages';
import { sampleResponder } from './support/sample-faq';

const config = testConfig();
const signUp = faqEntry();
const cost = faqEntry({
  id: 'is-there-a-cost',
  question: 'Is there a cost associated with joining the OIN?',
  answer: 'No, joining the OIN is free.',
  phrasings: ['Do I have to pay to be listed?'],
});
const entries = [signUp, cost];
const index = buildIndex({ entries, synonyms: [] });
const resolve = (name: string) => resolveEntry(name, entries, index, config);
const pass: Receipt = { recipients: ['developers@example.com'], spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };
// No DMARC record at the domain (GRAY): SPF or DKIM alone may then vouch.
const failing: Receipt = { ...pass, spf: 'FAIL', dkim: 'FAIL', dmarc: 'GRAY' };
const at = new Date('2026-11-30T04:00:00Z');

describe('parseVerdict', () => {
  it.each([
    ['good', { word: 'good' }],
    ['Good.', { word: 'good' }],
    ['\n\n  WRONG!  \nthe rest', { word: 'wrong' }],
    ['wrong: is-there-a-cost', { word: 'wrong', names: 'is-there-a-cost' }],
    [
      'Should answer:  Is there a cost associated with joining the OIN?',
      { word: 'should-answer', names: 'Is there a cost associated with joining the OIN?' },
    ],
    // Spacing inside the line is one space: the name resolves as the question is written.
    ['should\tanswer:\tIs there  a cost\u00a0associated', { word: 'should-answer', names: 'Is there a cost associated' }],
    // A verdict link sent before the entry was typed (the cursor left before the pre-filled word): before, a note.
    ['wrong:', { word: 'wrong', names: '' }],
    ['Wrong: \n\nfaqmail-ref: abc', { word: 'wrong', names: '' }],
    ['should answer:', { word: 'should-answer', names: '' }],
    // A CJK keyboard or IME types the full-width colon (U+FF1A) and space (U+3000): before, a note.
    ['should answer\uff1acost', { word: 'should-answer', names: 'cost' }],
    ['wrong\uff1a SAML', { word: 'wrong', names: 'SAML' }],
    ['wrong\u3000\uff1a\u3000SAML', { word: 'wrong', names: 'SAML' }],
    // Emphasis as a client's plain-text part writes it (Gmail and Thunderbird `*bold*`, Thunderbird
    // `/italic/` and `_underline_`) or as a Markdown habit types it: before, a note.
    ['*good*', { word: 'good' }],
    ['**Wrong**', { word: 'wrong' }],
    ['_good_', { word: 'good' }],
    ['/good/', { word: 'good' }],
    ['*Good.*', { word: 'good' }],
    ['*wrong: is-there-a-cost*', { word: 'wrong', names: 'is-there-a-cost' }],
    ['**wrong:** is-there-a-cost', { word: 'wrong', names: 'is-there-a-cost' }],
    ['**should answer**: is-there-a-cost', { word: 'should-answer', names: 'is-there-a-cost' }],
  ])('reads %j', (text, expected) => {
    expect(parseVerdict(text)).toEqual(expected);
  });

  it.each([
    'good catch, but the writer asks about SCIM',
    'Thanks, wrong address',
    'should answer',
    'wrongly: sent',
    '',
    'Looks good',
    // Emphasis is read off the verdict word, never off a sentence, nor unpaired.
    '*good* catch, but the writer asks about SCIM',
    '**good question**',
    '*good',
    '**wrong*',
    // A quoted verdict is someone else's (a reply quoting an earlier verdict); a list item is no verdict word.
    '> good',
    '- good',
    // The word alone on its line, as documented: a remark after it makes the line a sentence.
    'good:',
    'Good -',
    'good, thanks',
    'good -- Sam',
    // A first line longer than 300 characters is prose, not a verdict.
    `should answer: ${'is there a cost '.repeat(20)}`,
  ])('takes no verdict from %j', (text) => {
    expect(parseVerdict(text)).toBeUndefined();
  });
});

describe('resolveEntry', () => {
  it('finds an entry by key, question, phrasing, part of one question, or as the matcher reads the name', () => {
    expect(resolve('is-there-a-cost')?.id).toBe('is-there-a-cost');
    expect(resolve('"Is there a cost associated with joining the OIN?"')?.id).toBe('is-there-a-cost');
    expect(resolve('do I have to pay to be listed')?.id).toBe('is-there-a-cost');
    expect(resolve('sign up to join')?.id).toBe(signUp.id);
    expect(resolve('where do I sign up for the Okta Integration Network')?.id).toBe(signUp.id);
    expect(resolve('the weather in Lisbon')).toBeUndefined();
  });
});

describe('onChosen: an entry named by the key the judged decision chose it by', () => {
  const by = { at: at.toISOString() };
  it('means that entry, whatever the FAQ of today made of the name (another entry, or none)', () => {
    expect(onChosen({ ...by, verdict: 'wrong', unresolved: 'old-key' }, ' "Old-Key" ', ['old-key', 'cost'])).toEqual({
      ...by,
      verdict: 'wrong',
      entries: ['old-key'],
    });
    expect(onChosen({ ...by, verdict: 'should-answer', entries: ['cost'] }, 'old-key', ['old-key'])).toEqual({
      ...by,
      verdict: 'should-answer',
      entries: ['old-key'],
    });
  });

  it('leaves a name that is no key the decision chose as the FAQ of today reads it', () => {
    const verdict: StaffVerdict = { ...by, verdict: 'should-answer', entries: ['cost'] };
    expect(onChosen(verdict, 'the cost one', ['old-key'])).toBe(verdict);
    expect(onChosen(verdict, 'old-key', [])).toBe(verdict);
    expect(onChosen({ ...by, verdict: 'good' }, undefined, ['old-key'])).toEqual({ ...by, verdict: 'good' });
  });
});

describe('a staff address authenticated as any writer is (vouchedSender)', () => {
  const staff = inboundMessage({ from: address('staff@example.com'), returnPath: 'bounces@mail.example.com' });
  const authenticatedFrom = (...args: Parameters<typeof vouchedSender>) => {
    const vouched = vouchedSender(...args);
    return vouched && describeVouched(vouched);
  };

  it('takes DMARC pass, or SPF pass for an aligned envelope sender, or DKIM pass signed by an aligned domain', () => {
    expect(authenticatedFrom(staff, pass)).toBe('DMARC pass for example.com');
    expect(authenticatedFrom(staff, { ...failing, spf: 'PASS' })).toBe('SPF pass for mail.example.com');
    const signed = inboundMessage({
      from: address('staff@example.com'),
      returnPath: 'x@other.example',
      headers: new Map([['authentication-results', ['amazonses.com; spf=fail; dkim=pass header.i=@example.com; dmarc=none']]]),
    });
    expect(authenticatedFrom(signed, { ...failing, dkim: 'PASS' })).toBe('DKIM pass for example.com');
  });

  it('takes nothing when DMARC, which judged the From domain itself, failed', () => {
    // Under policy none such mail gets past screening: an SPF pass DMARC did not count as aligned must not stand in.
    expect(authenticatedFrom(staff, { ...pass, dmarc: 'FAIL' })).toBeUndefined();
  });

  it("refuses a pass for someone else's domain", () => {
    const foreign = inboundMessage({
      from: address('staff@example.com'),
      returnPath: 'x@attacker.example',
      headers: new Map([['authentication-results', ['amazonses.com; dkim=pass header.d=attacker.example']]]),
    });
    expect(authenticatedFrom(foreign, { ...failing, spf: 'PASS', dkim: 'PASS' })).toBeUndefined();
    expect(authenticatedFrom(staff, failing)).toBeUndefined();
  });
});

describe('recognizeStaffReply', () => {
  const reply = (overrides: Parameters<typeof inboundMessage>[0] = {}) =>
    inboundMessage({
      from: address('Staff@Example.com', 'Sam'),
      returnPath: 'staff@example.com',
      inReplyTo: '<abc@email.amazonses.com>',
      newText: 'wrong: is-there-a-cost\n\nIt asks about pricing tiers.',
      ...overrides,
    });
  const threaded = { repliesToStaffMailAbout: 'inbound-1' };

  it('takes a verdict from an authenticated staff address in reply to our staff mail, naming the entry', () => {
    expect(recognizeStaffReply(reply(), pass, config, threaded, resolve, at)).toEqual({
      kind: 'verdict',
      inboundId: 'inbound-1',
      evidence: 'DMARC pass for example.com',
      // As written, to be read against the entries the judged decision chose (onChosen) once its record is read.
      named: 'is-there-a-cost',
      // Who gave it, as the address hash decision records keep: two staff members who disagree can be told apart.
      verdict: { verdict: 'wrong', entries: ['is-there-a-cost'], at: at.toISOString(), by: addressHash('staff@example.com') },
    });
    const unknownEntry = recognizeStaffReply(
      reply({ newText: 'should answer: the weather in Lisbon' }),
      pass,
      config,
      threaded,
      resolve,
      at,
    );
    expect(unknownEntry).toMatchObject({ kind: 'verdict', verdict: { verdict: 'should-answer', unresolved: 'the weather in Lisbon' } });
  });

  it('names the staff member as staff addresses are compared: a +tag is the same person, not a second one who disagrees', () => {
    const tagged = recognizeStaffReply(reply({ from: address('Staff+oin@Example.com', 'Sam') }), pass, config, threaded, resolve, at);
    expect(tagged).toMatchObject({ kind: 'verdict', verdict: { by: addressHash('staff@example.com') } });
  });

  it('counts the recipients of a verdict who are neither staff nor the inbox: the writer, when staff pressed Reply', () => {
    const toWriterToo = reply({
      to: [address('jane@writer.example')],
      cc: [address('Developers@example.com'), address('staff+x@example.com')],
    });
    // Before: nothing said that the writer got the verdict and the staff mail quoted under it.
    expect(recognizeStaffReply(toWriterToo, pass, config, threaded, resolve, at)).toMatchObject({
      kind: 'verdict',
      verdict: { alsoTo: 1 },
    });
    const inboxOnly = reply({ to: [address('developers@example.com')], cc: [] });
    expect(recognizeStaffReply(inboxOnly, pass, config, threaded, resolve, at)).toMatchObject({ kind: 'verdict' });
    expect(recognizeStaffReply(inboxOnly, pass, config, threaded, resolve, at)).not.toHaveProperty('verdict.alsoTo');
    // Cc counts as To does: Reply All puts the writer there.
    const writerInCc = reply({ to: [address('developers@example.com')], cc: [address('jane@writer.example')] });
    expect(recognizeStaffReply(writerInCc, pass, config, threaded, resolve, at)).toMatchObject({ verdict: { alsoTo: 1 } });
  });

  // Before: only inboxAddress was the inbox here, so a verdict sent to an address the inbox also receives at was
  // counted as also sent to the writer, and the digest told staff that a plain Reply had sent it to them.
  it("counts none of the inbox's other receiving addresses (recipientAddresses) as someone else", () => {
    const withAlias = testConfig({ recipientAddresses: ['developers@example.com', 'Help@Example.com'] });
    const toAlias = reply({ to: [address('help@example.com')], cc: [address('developers@example.com')] });
    expect(recognizeStaffReply(toAlias, pass, withAlias, threaded, resolve, at)).toMatchObject({ kind: 'verdict' });
    expect(recognizeStaffReply(toAlias, pass, withAlias, threaded, resolve, at)).not.toHaveProperty('verdict.alsoTo');
    const aliasAndWriter = reply({ to: [address('help+x@example.com'), address('jane@writer.example')] });
    expect(recognizeStaffReply(aliasAndWriter, pass, withAlias, threaded, resolve, at)).toMatchObject({ verdict: { alsoTo: 1 } });
  });

  // Before: both were notes, logged alone, while the staff member believed they had given a verdict.
  it("takes 'wrong:' with no entry typed as 'wrong', and keeps 'should answer:' with none apart, to be listed", () => {
    expect(recognizeStaffReply(reply({ newText: 'wrong: \n' }), pass, config, threaded, resolve, at)).toEqual({
      kind: 'verdict',
      inboundId: 'inbound-1',
      evidence: 'DMARC pass for example.com',
      verdict: { verdict: 'wrong', at: at.toISOString(), by: addressHash('staff@example.com') },
    });
    const linked = reply({ inReplyTo: undefined, newText: 'should answer: faqmail-ref: inbound-2' });
    const onRecord = { verdictRef: { inboundId: 'inbound-2', onRecord: true } };
    expect(recognizeStaffReply(linked, pass, config, onRecord, resolve, at)).toEqual({ kind: 'unreadable', inboundId: 'inbound-2' });
    // The entry typed elsewhere (the cursor at the end of the link's body): "wrong" alone would blame every entry chosen.
    for (const newText of ['wrong: \n\nfaqmail-ref: inbound-2\nis-there-a-cost', 'wrong:\nis-there-a-cost\n\nfaqmail-ref: inbound-2']) {
      const typedBelow = reply({ inReplyTo: undefined, newText });
      expect(recognizeStaffReply(typedBelow, pass, config, onRecord, resolve, at)).toEqual({ kind: 'unreadable', inboundId: 'inbound-2' });
    }
  });

  // A verdict link's mail is made to carry a verdict on its first line (notes go below it): a first line that is none is a
  // verdict mangled, typed before the pre-filled word say. Before: a note, logged alone; a reply's note stays one.
  it("keeps a verdict link's mail whose first line is no verdict apart, to be listed, and a reply's as a note", () => {
    const onRecord = { verdictRef: { inboundId: 'inbound-2', onRecord: true } };
    for (const newText of ['pricingshould answer: \n\nfaqmail-ref: inbound-2', 'Should answer - pricing\nfaqmail-ref: inbound-2']) {
      expect(recognizeStaffReply(reply({ inReplyTo: undefined, newText }), pass, config, onRecord, resolve, at)).toEqual({
        kind: 'unreadable',
        inboundId: 'inbound-2',
      });
    }
    const toColleague = { cc: [address('lead@example.com')] };
    const withLead = testConfig({ staffAddresses: ['staff@example.com', 'lead@example.com'] });
    expect(
      recognizeStaffReply(reply({ newText: 'Should answer - pricing', ...toColleague }), pass, withLead, threaded, resolve, at),
    ).toMatchObject({ kind: 'note' });
  });

  it('keeps a reply to the inbox alone whose first line is no verdict apart, to be listed: no one but faqmail reads it', () => {
    // Before: a note, in the log alone, so staff who wrote "Good — thanks" or greeted first thought their verdict counted.
    for (const newText of ['Good — thanks', 'Hi,\n\ngood', 'good, thanks', 'Should answer - pricing']) {
      expect(recognizeStaffReply(reply({ newText }), pass, config, threaded, resolve, at)).toEqual({
        kind: 'unreadable',
        inboundId: 'inbound-1',
      });
    }
    // A staff member's out-of-office notice answering our staff mail (screening would drop it as machine mail): a note.
    const away = reply({ newText: 'I am out of the office until Monday.' });
    expect(recognizeStaffReply(away, pass, config, threaded, resolve, at, { automatic: () => true })).toMatchObject({ kind: 'note' });
    // Sent by Bcc, no To or Cc naming anyone else: for faqmail alone too.
    expect(recognizeStaffReply(reply({ newText: 'Good — thanks', to: [] }), pass, config, threaded, resolve, at)).toMatchObject({
      kind: 'unreadable',
    });
  });

  it('reads the whole text when the reply parser took all of it for quotes or a signature', () => {
    const allQuoted = reply({ newText: ' \n', text: 'good\n' });
    expect(recognizeStaffReply(allQuoted, pass, config, threaded, resolve, at)).toMatchObject({
      kind: 'verdict',
      verdict: { verdict: 'good' },
    });
  });

  it('keeps staff mail without a verdict as a note', () => {
    // To a colleague (a staff address), copying the inbox.
    const noted = reply({ newText: 'I answered them by phone.', cc: [address('staff@example.com')] });
    expect(recognizeStaffReply(noted, pass, config, threaded, resolve, at)).toEqual({
      kind: 'note',
      inboundId: 'inbound-1',
      firstLine: 'I answered them by phone.',
    });
    // Staff answering the writer and copying the inbox: a note too, which says so (the handler only warns of one meant as a verdict).
    const answer = reply({
      newText: 'Hi Jane, it is free.',
      to: [address('jane@writer.example')],
      cc: [address('developers@example.com')],
    });
    expect(recognizeStaffReply(answer, pass, config, threaded, resolve, at)).toEqual({
      kind: 'note',
      inboundId: 'inbound-1',
      firstLine: 'Hi Jane, it is free.',
      alsoTo: 1,
    });
  });

  it("takes a verdict link's reference when the mail replies to no staff mail, as far as it names a decision on record", () => {
    const linked = reply({ inReplyTo: undefined, newText: 'good\n\nfaqmail-ref: inbound-2' });
    const onRecord = { verdictRef: { inboundId: 'inbound-2', onRecord: true } };
    expect(recognizeStaffReply(linked, pass, config, onRecord, resolve, at)).toMatchObject({ kind: 'verdict', inboundId: 'inbound-2' });
    const joined = reply({ inReplyTo: undefined, newText: 'wrong: How do I pay? faqmail-ref: inbound-2' });
    expect(recognizeStaffReply(joined, pass, config, onRecord, resolve, at)).toMatchObject({
      kind: 'verdict',
      verdict: { verdict: 'wrong', unresolved: 'How do I pay?' },
    });
    // A reply's staff mail comes first.
    expect(recognizeStaffReply(linked, pass, config, { ...threaded, ...onRecord }, resolve, at)).toMatchObject({ inboundId: 'inbound-1' });
    const unknown = { verdictRef: { inboundId: 'inbound-2', onRecord: false } };
    // Before: refused, then dropped as our own mail (from-ourselves): the judgement was lost with a log line alone.
    expect(recognizeStaffReply(linked, pass, config, unknown, resolve, at)).toEqual({
      kind: 'no-record',
      verdict: 'good',
      why: expect.stringMatching(/faqmail-ref: inbound-2 names no decision on record/),
    });
    expect(recognizeStaffReply(linked, failing, config, onRecord, resolve, at)).toMatchObject({ kind: 'unauthenticated' });
    expect(
      recognizeStaffReply({ ...linked, from: address('marco@quaderno.example') }, pass, config, onRecord, resolve, at),
    ).toBeUndefined();
    // A reference alone (the verdict word deleted) is still not taken, with its reason, not passed over without a word.
    const refOnly = reply({ inReplyTo: undefined, newText: 'faqmail-ref: inbound-2' });
    expect(recognizeStaffReply(refOnly, failing, config, onRecord, resolve, at)).toMatchObject({
      kind: 'unauthenticated',
      why: expect.stringMatching(/not authenticated/),
    });
    expect(recognizeStaffReply(refOnly, pass, config, unknown, resolve, at)).toMatchObject({
      kind: 'refused',
      why: expect.stringMatching(/names no decision on record/),
    });
  });

  it('refuses a verdict that is not authenticated, keeps apart one threaded to no staff mail, and ignores anyone not on staff', () => {
    // Kept apart for the digest to list (a staff domain with broken SPF and DKIM loses every verdict), not taken; which
    // decision it was about is kept too (before: not, and the operator reading the log could not tell which to check).
    expect(recognizeStaffReply(reply(), failing, config, threaded, resolve, at)).toEqual({
      kind: 'unauthenticated',
      inboundId: 'inbound-1',
      why: expect.stringMatching(/not authenticated/),
    });
    // Authenticated staff, a verdict, but about no staff mail we remember (its records expired): kept apart, to be counted.
    expect(recognizeStaffReply(reply(), pass, config, {}, resolve, at)).toMatchObject({
      kind: 'no-record',
      verdict: 'wrong',
      why: expect.stringMatching(/none of our staff mails/),
    });
    expect(recognizeStaffReply(reply({ from: address('marco@quaderno.example') }), pass, config, threaded, resolve, at)).toBeUndefined();
    expect(recognizeStaffReply(reply({ newText: 'A question of my own' }), pass, config, {}, resolve, at)).toBeUndefined();
  });
});

describe("a verdict link's mail from an address that is not staff", () => {
  const responder = sampleResponder(testConfig());
  const LINKED = '8c4nytywlyd2df8b1vcmuqooo8124rij86463tsq';
  /** What a verdict link opens, sent from `from`: its subject repeats the writer's, which asks what the FAQ answers. */
  const linkMail = (from: string, verdict: string) =>
    Buffer.from(
      [
        `From: ${from}`,
        'To: developers@example.com',
        'Subject: Verdict: Listing our app in the integration network - any fees?',
        'Message-ID: <verdict-1@example.com>',
        '',
        verdict,
        '',
        `faqmail-ref: ${LINKED}`,
        '',
      ].join('\r\n'),
    );

  it('is handed to staff, who learn why it counts nowhere, and nothing is sent to its sender', async () => {
    // A member of a staff mailing list (settings.md: more than 50 people) opens the link from their own address.
    for (const verdict of ['good', 'wrong: is-there-a-cost-associated-with-joining-the']) {
      const outcome = await respond(responder, linkMail('Alice <alice@example.com>', verdict), passingReceipt(), noHistory);
      // Before: answered (matched) from the writer's subject, the FAQ entry mailed to alice@example.com; the verdict lost.
      expect(outcome.decision).toMatchObject({ kind: 'escalate', rule: 'verdict-not-staff' });
      expect(outcome.decision.reason).toContain('alice@example.com is not a staff address');
      expect(outcome.mails.map((m) => [m.kind, m.to])).toEqual([['escalation', ['staff@example.com']]]);
    }
  });

  it('names, from a staff address that fails authentication, the decision its reference named, on record or not', async () => {
    const failed: Receipt = { ...passingReceipt(), spf: 'FAIL', dkim: 'FAIL', dmarc: 'GRAY' };
    for (const onRecord of [true, false]) {
      const history = () => Promise.resolve({ repliesToOurAnswer: false, verdictRef: { inboundId: LINKED, onRecord } });
      const outcome = await respond(responder, linkMail('Sam <staff@example.com>', 'good'), failed, history);
      expect(outcome.decision).toMatchObject({ kind: 'ignore', rule: 'staff-verdict-unauthenticated' });
      // Before: "A verdict-looking mail from a staff address that is not taken as a verdict: the From address ... is not
      // authenticated ...", naming no decision, so the operator could not tell which one staff meant to judge.
      expect(outcome.decision.reason).toContain(`message ${LINKED}`);
      expect(outcome.mails).toEqual([]);
    }
    // A reply to one of our staff mails names the decision that staff mail was about.
    const replied = () => Promise.resolve({ repliesToOurAnswer: false, repliesToStaffMailAbout: 'inbound-7' });
    const outcome = await respond(responder, linkMail('Sam <staff@example.com>', 'good'), failed, replied);
    expect(outcome.decision.reason).toContain('message inbound-7');
  });

  it('is a verdict from a staff address, and an ordinary message without the verdict line or the reference', async () => {
    const staff = await respond(responder, linkMail('Sam <staff@example.com>', 'good'), passingReceipt(), noHistory);
    expect(staff.decision.rule).not.toBe('verdict-not-staff');
    expect(staff.mails).toEqual([]);
    const asked = await respond(responder, linkMail('Alice <alice@example.com>', 'Is it free?'), passingReceipt(), noHistory);
    expect(asked.decision.rule).not.toBe('verdict-not-staff');
  });
});

describe('overruling: two staff members who judge one message differently', () => {
  const sam = addressHash('sam@example.com');
  const kim = addressHash('kim@example.com');
  const good = { verdict: 'good' as const, at: '2026-11-30T10:00:00.000Z', by: sam };
  const wrongByKim = { verdict: 'wrong' as const, at: '2026-11-30T11:00:00.000Z', by: kim };

  it('keeps an earlier verdict processed late as the one the later overrules, as in the order they were given', () => {
    expect(overruledLate(wrongByKim, good)).toEqual({ ...wrongByKim, overrules: good });
    // Its own author's, the same judgement, or a disagreement already on record: nothing to add.
    expect(overruledLate(wrongByKim, { ...good, verdict: 'wrong', by: kim })).toBeUndefined();
    expect(overruledLate(wrongByKim, { ...good, verdict: 'wrong' })).toBeUndefined();
    expect(overruledLate({ ...wrongByKim, overrules: good }, { ...good, by: addressHash('lee@example.com') })).toBeUndefined();
    // In the order given, overruling keeps the same.
    expect(overruling(good, wrongByKim)).toEqual(overruledLate(wrongByKim, good));
  });

  it('keeps the verdict the later one overrules when another staff member gave it, and only then', () => {
    expect(overruling(undefined, good)).toEqual(good);
    expect(overruling(good, wrongByKim)).toEqual({ ...wrongByKim, overrules: good });
    // Agreeing, or changing one's own mind, overrules no one.
    expect(overruling(good, { ...wrongByKim, verdict: 'good' })).toEqual({ ...wrongByKim, verdict: 'good' });
    expect(overruling(good, { ...wrongByKim, by: sam })).toEqual({ ...wrongByKim, by: sam });
    // Nor does a verdict over one whose author is not known (recorded before authors were kept).
    const { by: _by, ...anonymous } = good;
    expect(overruling(anonymous, wrongByKim)).toEqual(wrongByKim);
  });

  it('keeps a disagreement until its author agrees, and through a retried reply', () => {
    const disputed = overruling(good, wrongByKim);
    expect(overruling(disputed, wrongByKim)).toEqual(disputed);
    const third = { verdict: 'wrong' as const, at: '2026-11-30T12:00:00.000Z', by: addressHash('lee@example.com') };
    expect(overruling(disputed, third)).toEqual({ ...third, overrules: good });
    const samAgrees = { verdict: 'wrong' as const, at: '2026-11-30T12:00:00.000Z', by: sam };
    expect(overruling(disputed, samAgrees)).toEqual(samAgrees);
  });

  it('ends a disagreement when the one who overruled comes round, and tells a retry by its author as well as its time', () => {
    const disputed = overruling(good, wrongByKim);
    // Kim, later, agrees with Sam: no one is overruled any more.
    const kimComesRound = { verdict: 'good' as const, at: '2026-11-30T12:00:00.000Z', by: kim };
    expect(overruling(disputed, kimComesRound)).toEqual(kimComesRound);
    // Another staff member's reply taken at the very same moment as Kim's is no retry of it: it overrules Kim.
    const leeSameMoment = { verdict: 'good' as const, at: wrongByKim.at, by: addressHash('lee@example.com') };
    expect(overruling(disputed, leeSameMoment)).toEqual({ ...leeSameMoment, overrules: wrongByKim });
  });

  it('tells judgements apart by the entry or the unresolved name they give, not by the verdict word alone', () => {
    const wrongA = { verdict: 'wrong' as const, entries: ['sign-up'], at: good.at, by: sam };
    const wrongB = { verdict: 'wrong' as const, entries: ['cost'], at: wrongByKim.at, by: kim };
    expect(overruling(wrongA, wrongB)).toEqual({ ...wrongB, overrules: wrongA });
    const unresolvedA = { verdict: 'should-answer' as const, unresolved: 'refunds', at: good.at, by: sam };
    const unresolvedB = { verdict: 'should-answer' as const, unresolved: 'invoices', at: wrongByKim.at, by: kim };
    expect(overruling(unresolvedA, unresolvedB)).toEqual({ ...unresolvedB, overrules: unresolvedA });
  });
});

describe('the shadow proposal in the staff mail', () => {
  it('shows the reply that would have gone out, its entries and scores, under the nothing-sent line, and the verdict words', async () => {
    const message = inboundMessage();
    const answers = [scored(signUp, 0.82), scored(cost, 0.64)];
    const mail = await composeEscalation({
      message,
      raw: Buffer.from('From: marco@quaderno.example\r\n\r\nhi\r\n'),
      // As respond() shows staff a held-back answer: a hand-over of the entries it would have sent.
      decision: decision({
        candidates: answers,
        rule: 'matched',
        reason: 'Answered.',
      }),
      config,
      proposal: shadowProposal(message, message.from!, answers, config),
    });
    const parsed = await simpleParser(mail.raw);
    const text = parsed.text ?? '';
    expect(text.indexOf(NOTHING_SENT)).toBeGreaterThanOrEqual(0);
    expect(text.indexOf(NOTHING_SENT)).toBeLessThan(text.indexOf('Why:'));
    expect(text).toContain(`Hello Marco,`);
    expect(text).toContain(`- ${signUp.question} (${signUp.id}, score 0.82)`);
    expect(text).toContain(`- ${cost.question} (is-there-a-cost, score 0.64)`);
    expect(text).toContain('No automatic answer was sent to the writer (shadow mode).');
    expect(text).toMatch(/should answer: <entry key or question>/);
    expect(parsed.html).toContain('faqmail would have sent this — nothing was sent.');
    expect(mail.to).toEqual(['staff@example.com']);
  });
});

describe('the verdict links in the staff mail', () => {
  const message = inboundMessage({ subject: 'Re: Fees & "listing" 100%?' });
  const staffMail = async (inboundId?: string) =>
    simpleParser(
      (
        await composeEscalation({
          message,
          decision: decision({ rule: 'no-match', reason: 'No entry.' }),
          config,
          ...(inboundId ? { inboundId } : {}),
        })
      ).raw,
    );
  const hrefs = (html: string) => [...html.matchAll(/href="(mailto:[^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));

  it('offers one mailto link per verdict word, to the inbox only, the word first and the reference below, in both parts', async () => {
    const parsed = await staffMail('o3vrnil0e2ic28trm7dfhrc2v0c');
    const links = hrefs(String(parsed.html));
    // Before: the footer had no links, only "reply and change the recipient".
    expect(links).toHaveLength(VERDICT_WORDS.length);
    for (const [i, link] of links.entries()) {
      const uri = new URL(link);
      expect(uri.protocol).toBe('mailto:');
      expect(uri.pathname).toBe(config.inboxAddress);
      // Only subject and body (RFC 6068 §2): no to, cc or In-Reply-To to carry anyone else.
      expect([...uri.searchParams.keys()]).toEqual(['subject', 'body']);
      // Percent-encoded as RFC 6068 has it: a space is %20 (never +), a line break CRLF, nothing outside qchar left bare.
      const query = link.slice(link.indexOf('?') + 1);
      expect(query).not.toMatch(/[+ \r\n"<>#]/);
      expect(query).toMatch(/^subject=([A-Za-z0-9\-._~!$'()*,;:@]|%[0-9A-F]{2})*&body=([A-Za-z0-9\-._~!$'()*,;:@]|%[0-9A-F]{2})*$/);
      const field = (name: string) =>
        decodeURIComponent(
          query
            .split('&')
            .find((p) => p.startsWith(`${name}=`))!
            .slice(name.length + 1),
        );
      expect(field('subject')).toBe('Verdict: Fees & "listing" 100%?');
      const body = field('body');
      expect(body.split('\r\n')[0]).toBe(VERDICT_WORDS[i][0].replace(/<.*>$/, ''));
      expect(body).toContain('\r\nfaqmail-ref: o3vrnil0e2ic28trm7dfhrc2v0c\r\n');
      // What staff send back is read as this word, about this message.
      expect(findVerdictRef(body.replace(/\r\n/g, '\n'))).toBe('o3vrnil0e2ic28trm7dfhrc2v0c');
    }
    expect(parseVerdict(decodeURIComponent(links[0].split('body=')[1]))).toEqual({ word: 'good' });
    // The text part carries the same URIs, plain, and the links come before the reply route.
    const text = parsed.text ?? '';
    for (const link of links) expect(text).toContain(link);
    expect(text.indexOf(links[0])).toBeLessThan(text.indexOf('Or reply to this mail'));
    // In HTML, each link's label is escaped text ('<entry key or question>' shown, not read as a tag), its href an
    // attribute with '&' escaped.
    const labels = [...String(parsed.html).matchAll(/<a href="mailto:[^"]*">([^<]*)<\/a>/g)].map((m) => m[1]);
    expect(labels).toHaveLength(VERDICT_WORDS.length);
    expect(labels.join('\n')).toContain('&lt;entry key or question&gt;');
    expect(String(parsed.html)).not.toMatch(/href="mailto:[^"]*&(?!amp;)/);
  });

  it('offers the reply alone when no inbound id is known (the CLI)', async () => {
    const parsed = await staffMail();
    expect(hrefs(String(parsed.html))).toEqual([]);
    expect(parsed.text).toContain(`Reply to this mail, addressed to ${config.inboxAddress} only`);
  });

  it('encodes what a URI may not hold in the address too', () => {
    expect(mailtoUri('a b%c@example.com', { subject: 'x', body: 'y\nz' })).toBe('mailto:a%20b%25c@example.com?subject=x&body=y%0D%0Az');
    // The domain follows the last '@' (a quoted local part may hold one); a name with none is encoded whole.
    expect(mailtoUri('"a@b"@example.com', { subject: 'x', body: 'y' })).toBe('mailto:%22a%40b%22@example.com?subject=x&body=y');
    expect(mailtoUri('in box', { subject: 'x', body: 'y' })).toBe('mailto:in%20box?subject=x&body=y');
    // A CRLF stays one line break; what would end the field or the URI ('&', '=', '#', '?') is encoded.
    expect(mailtoUri('a@b.example', { subject: 'x', body: 'y\r\nz & q=1 #2?' })).toBe(
      'mailto:a@b.example?subject=x&body=y%0D%0Az%20%26%20q%3D1%20%232%3F',
    );
  });

  it("names the writer's subject on one line and cut short, or the message when there is none", () => {
    const subjectOf = (subject?: string) => {
      const links = verdictFooter(config, { inboundId: 'inbound-7', ...(subject === undefined ? {} : { subject }) }, true).find(
        (b) => b.kind === 'links',
      );
      if (links?.kind !== 'links') throw new Error('no links block');
      return new URL(links.items[0][1]).searchParams.get('subject');
    };
    expect(subjectOf()).toBe('Verdict: message inbound-7');
    expect(subjectOf(' Re: ')).toBe('Verdict: message inbound-7');
    expect(subjectOf('Fees\r\n  and listing')).toBe('Verdict: Fees and listing');
    expect(subjectOf('x'.repeat(300))!.length).toBeLessThanOrEqual('Verdict: '.length + 120);
    // A reply in a conversation staff took over carries the tag of our hand-over: the verdict names the writer's words.
    // Before: 'Verdict: [faqmail] Needs a person: Fees and listing'.
    expect(subjectOf('Re: [faqmail] Needs a person: Fees and listing')).toBe('Verdict: Fees and listing');
    expect(subjectOf(`Re: [faqmail] Reply to staff: ${'x'.repeat(300)}`)).toBe(`Verdict: ${'x'.repeat(119)}…`);
  });

  it('encodes half a UTF-16 pair as U+FFFD instead of throwing, and keeps a whole pair', () => {
    // Before: URIError (encodeURIComponent encodes no lone surrogate), which failed the whole staff mail.
    expect(mailtoUri('developers@example.com', { subject: 'a\ud800 \udc00b \ud83d\ude00', body: 'x' })).toBe(
      'mailto:developers@example.com?subject=a%EF%BF%BD%20%EF%BF%BDb%20%F0%9F%98%80&body=x',
    );
  });
});

describe('findVerdictRef', () => {
  it('reads the reference line, not a quoted or malformed one', () => {
    expect(findVerdictRef('good\n\nfaqmail-ref: abc-123\n-- \nSam')).toBe('abc-123');
    expect(findVerdictRef('good\r\n\r\nFaqmail-Ref:abc\r\n')).toBe('abc');
    expect(findVerdictRef('good\n> faqmail-ref: abc')).toBeUndefined();
    expect(findVerdictRef('good\nfaqmail-ref: abc def')).toBeUndefined();
    expect(findVerdictRef('good\nfaqmail-ref%3A%20abc')).toBeUndefined();
    // No longer than an SES id with room to spare: a token of any length is not looked up as a key.
    expect(findVerdictRef(`faqmail-ref: ${'a'.repeat(128)}`)).toBe('a'.repeat(128));
    expect(findVerdictRef(`faqmail-ref: ${'a'.repeat(129)}`)).toBeUndefined();
  });

  // A client that drops the link body's line break (%0D%0A) sends the word and the reference on one line.
  it('reads a reference that ends the verdict line, and the verdict without it', () => {
    expect(findVerdictRef('good faqmail-ref: abc-123')).toBe('abc-123');
    expect(findVerdictRef('should answer: billing-invoice\tfaqmail-ref:abc')).toBe('abc');
    expect(findVerdictRef('good\n> good faqmail-ref: abc')).toBeUndefined();
    expect(findVerdictRef('goodfaqmail-ref: abc')).toBeUndefined();
    expect(parseVerdict(withoutVerdictRef('Good. faqmail-ref: abc-123'))).toEqual({ word: 'good' });
    expect(parseVerdict(withoutVerdictRef('should answer: How do I pay? faqmail-ref: abc\n-- \nSam'))).toEqual({
      word: 'should-answer',
      names: 'How do I pay?',
    });
    expect(withoutVerdictRef('wrong\n\nfaqmail-ref: abc\n> faqmail-ref: def')).toBe('wrong\n\n\n> faqmail-ref: def');
  });
});

// Mutation testing of the verdict reference: the test below failed with the mutation its comment names applied.
describe('findVerdictRef: what mutation testing found unpinned', () => {
  it('reads no reference on a quoted line that a client indents before its quote mark', () => {
    // Mutant: only a quote mark at the very start of the line marks it quoted.
    expect(findVerdictRef('good\n  > faqmail-ref: abc')).toBeUndefined();
    expect(findVerdictRef('good\n\t> good faqmail-ref: abc')).toBeUndefined();
    expect(withoutVerdictRef('good\n  > faqmail-ref: abc')).toBe('good\n  > faqmail-ref: abc');
  });
});
