import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { InboundMessage } from '../lambda/domain';
import { extractNewText, stripQuotes } from '../lambda/mail/new-text';
import { parseMessage, UnparseableMailError } from '../lambda/mail/parse';
import { stripSignOff } from '../lambda/mail/signature';
import { describeIfShared, SHARED_DIR } from './support/shared';

// Reply stripping and parsing against real mail in ../shared (see
// ../shared/fixtures/real/README.md): the reply-parser projects' fixtures with their
// expected text, every real .eml, and the dev set.

const REAL = path.join(SHARED_DIR, 'fixtures/real');
const HUMAN = path.join(REAL, 'human');
const DEV = path.join(SHARED_DIR, 'eval/dev');

/** Whitespace is not compared: leading and trailing blank lines, trailing blanks on a line. */
const normalize = (text: string) =>
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();

/** Text at the start, any space matching any space: Gmail writes "11:52\u202fAM". */
const startsLike = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s')}`);

type Source = 'talon' | 'trimmer' | 'crisp';

/**
 * What each source's expected text means, and how ours is compared with it:
 * - talon: quotations removed, signature KEPT (talon splits signatures separately), so
 *   our text before signature removal (`stripQuotes`) is compared.
 * - trimmer: quotes and signatures removed, but a sign-off ("Thanks,\nSome One", "Best
 *   regards") is kept, where crisp's expectations and we remove it: the expected text is
 *   compared after our sign-off rule (`stripSignOff`).
 * - crisp: quotes, signatures and sign-offs removed (its first fragment): compared as is.
 */
const EXPECTED: Record<Source, (expected: string) => string> = {
  talon: (expected) => expected,
  trimmer: (expected) => stripSignOff(expected),
  crisp: (expected) => expected,
};

/** Cases where we knowingly differ from the source's expectation, each with the reason. */
const KNOWN_MISSES: Record<string, string> = {
  'trimmer-quote_only': 'a message that is all quote has no new text for us (the quote is in quotedText); trimmer falls back to the quote',
};

interface Case {
  name: string;
  source: Source;
  expected: string;
}

function cases(): Case[] {
  const files = readdirSync(HUMAN).filter((file) => file.endsWith('.expected.txt'));
  return files.sort().map((file) => {
    const name = file.slice(0, -'.expected.txt'.length);
    return { name, source: name.split('-')[0] as Source, expected: readFileSync(path.join(HUMAN, file), 'utf8') };
  });
}

/** Our text for a fixture: full messages are parsed, body-only files (no header block) are not mail. */
async function ours({ name, source }: Case): Promise<string> {
  const eml = path.join(HUMAN, `${name}.eml`);
  const [text, context] = readdirSync(HUMAN).includes(`${name}.eml`)
    ? await parseMessage(readFileSync(eml)).then(
        (message) => [message.text, { subject: message.subject, sender: message.from?.name }] as const,
      )
    : [readFileSync(path.join(HUMAN, `${name}.body.txt`), 'utf8'), {}];
  return source === 'talon' ? stripQuotes(text, context) : extractNewText(text, context).newText;
}

describeIfShared('reply stripping on the reply-parser projects’ fixtures', () => {
  const all = cases();
  const results = new Map<Source, { passed: number; total: number }>();

  afterAll(() => {
    // Pass rate per source, for the record (talon 12/12, trimmer 26/27, crisp 18/18 when written).
    const lines = [...results].map(([source, { passed, total }]) => `${source} ${passed}/${total}`);
    console.log(`reply stripping on ../shared/fixtures/real/human: ${lines.join(', ')}`);
  });

  it.each(all.filter((c) => !(c.name in KNOWN_MISSES)).map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const got = normalize(await ours(c));
    const result = results.get(c.source) ?? { passed: 0, total: 0 };
    results.set(c.source, { passed: result.passed + (got === normalize(EXPECTED[c.source](c.expected)) ? 1 : 0), total: result.total + 1 });
    expect(got).toBe(normalize(EXPECTED[c.source](c.expected)));
  });

  it.each(Object.entries(KNOWN_MISSES))('known miss %s (%s)', async (name) => {
    const c = all.find((candidate) => candidate.name === name);
    expect(c).toBeDefined();
    const result = results.get(c!.source) ?? { passed: 0, total: 0 };
    results.set(c!.source, { ...result, total: result.total + 1 });
    // Still a miss: once it passes, it comes off the list.
    expect(normalize(await ours(c!))).not.toBe(normalize(EXPECTED[c!.source](c!.expected)));
  });
});

describeIfShared('parseMessage on every real message', () => {
  const files = ['auto', 'human', 'mime'].flatMap((folder) =>
    readdirSync(path.join(REAL, folder))
      .filter((file) => file.endsWith('.eml'))
      .map((file) => path.join(REAL, folder, file)),
  );
  const devFiles = readdirSync(DEV)
    .filter((file) => file.endsWith('.eml'))
    .map((file) => path.join(DEV, file));

  it('finds the fixtures', () => {
    expect(files.length).toBeGreaterThan(150);
    expect(devFiles).toHaveLength(80);
  });

  it.each([...files, ...devFiles].map((file) => [path.relative(SHARED_DIR, file), file]))('parses %s', async (_, file) => {
    const message = await parseMessage(readFileSync(file)).catch((error: unknown) => {
      // None of these is anything but mail: an UnparseableMailError would be a defect too.
      throw error instanceof UnparseableMailError ? new Error(`${file} was rejected: ${error.message}`) : error;
    });
    expect(message.headers.size).toBeGreaterThan(0);
    expect(message.partTypes).toContain(message.contentType);
  });
});

describeIfShared('what the writer wrote now, on the dev set', () => {
  const messages = new Map<string, InboundMessage>();
  const dev = async (name: string) => {
    if (!messages.has(name)) messages.set(name, await parseMessage(readFileSync(path.join(DEV, name))));
    return messages.get(name)!;
  };

  it('d031: a top-posted reply keeps only the new question', async () => {
    const { newText, quotedText } = await dev('d031.eml');
    expect(newText).toContain("is that ~2 hour cutoff something the customer's Okta admin can change?");
    expect(newText).not.toContain('Lekki');
    expect(quotedText).toMatch(startsLike('On Thu, May 9, 2024 at 11:52 AM Tunde Adewale <tunde.adewale@kobopay.com> wrote:'));
  });

  it('d045: the note keeps the SLO question; the forwarded, already answered cost question is not new', async () => {
    const { newText, forwardedText, quotedText } = await dev('d045.eml');
    expect(newText).toContain('Can Okta do SAML single logout');
    expect(newText).not.toMatch(/cost|Forwarded message/);
    expect(forwardedText).not.toContain('Is there any cost');
    expect(quotedText).toContain('> 1) Is there any cost for us to be in the Okta Integration Network?');
  });

  it("d049: a forward puts the architect's question in forwardedText", async () => {
    const { newText, forwardedText } = await dev('d049.eml');
    expect(newText).toBe("Hi Okta folks, could you help answer our architect's question below? Thanks!");
    expect(forwardedText).toContain('will the SCIM server we build following their docs also work with OneLogin and JumpCloud');
  });

  it("d041: an Outlook forward (FW:) keeps the rep's question and forwards the prospect's", async () => {
    const { newText, forwardedText } = await dev('d041.eml');
    expect(newText).toContain("Would that cover what they're asking for");
    expect(newText).not.toContain('Mike Donnelly');
    expect(forwardedText).toContain('Can your platform connect to our AD/LDAP?');
  });

  it.each([
    ['d034.eml', 'From: developers@example.com <developers@example.com>'],
    ['d021.eml', 'On Mon, Apr 29, 2024 at 5:47 PM <developers@example.com> wrote:'],
    ['d039.eml', 'On Wed, May 15, 2024 at 4:20 PM <developers@example.com> wrote:'],
    ['d077.eml', '> On Jun 11, 2024, at 4:02 PM, developers@example.com wrote:'],
  ])('%s: the quoted text keeps the attribution naming our inbox', async (name, attribution) => {
    const { newText, quotedText } = await dev(name);
    expect(quotedText).toMatch(startsLike(attribution));
    expect(newText).not.toContain('developers@example.com');
  });

  it.each([
    ['d002.eml', 'Which type of account we need to create for the same and from where?', ['Disclaimer', 'Rahul Deshpande', 'Mob:']],
    [
      'd042.eml',
      'Is there a way to configure such an app with the wizard? If not, what is the alternative?',
      ['Pieter de Groot', 'Kind regards'],
    ],
    [
      'd050.eml',
      'How we should configure this for the OIN so that every customer can use his own domain?',
      ['Mit freundlichen', 'Amtsgericht'],
    ],
  ])('%s: HTML-only Outlook mail reads as unwrapped paragraphs without signature or footer', async (name, question, gone) => {
    const { newText } = await dev(name);
    expect(newText).toContain(question);
    for (const text of gone) expect(newText).not.toContain(text);
    expect(newText).not.toMatch(/\n{3}|&nbsp;|<\/?p/);
  });

  it.each([
    ['d009.eml', 'Do you have any recommended onboarding material for partner engineering teams?', ['CONFIDENTIALITY NOTICE', 'Derek Lam']],
    ['d035.eml', 'Is this possible?', ['Mit freundlichen Grüßen', 'Softwarearchitekt']],
    ['d080.eml', 'Quisiera saber si tiene algún costo publicar nuestra aplicación', ['Saludos cordiales', 'Gerente de Desarrollo']],
    ['d065.eml', "P.S. If you're not the right person, could you point me to whoever owns partner programs?", ['Jordan Reeves']],
    ['d034.eml', 'Can an actual person please look at the NimbusDesk submission?', ['Anjali Verma', '+91 80']],
  ])('%s: signatures, sign-offs and footers go, the question stays', async (name, question, gone) => {
    const { newText } = await dev(name);
    expect(newText).toContain(question);
    for (const text of gone) expect(newText).not.toContain(text);
  });

  it('d016: a bounce shows its report parts', async () => {
    expect((await dev('d016.eml')).partTypes).toEqual(
      expect.arrayContaining(['multipart/report', 'message/delivery-status', 'message/rfc822']),
    );
  });

  it('every dev message has new text, except d005 which says everything in its subject', async () => {
    const names = readdirSync(DEV).filter((file) => file.endsWith('.eml'));
    const empty: string[] = [];
    for (const name of names) if ((await dev(name)).newText.trim() === '') empty.push(name);
    expect(empty).toEqual(['d005.eml']);
  });
});
