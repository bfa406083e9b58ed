/**
 * The SES receipt as far as stored mail tells it. SES inbound writes its verdicts into the
 * message it stores (`X-SES-Spam-Verdict`, `X-SES-Virus-Verdict`, its own
 * `Authentication-Results: amazonses.com; spf=...; dkim=...; dmarc=...`, `Received-SPF`);
 * the CLI, which has no SES event, reads them back, and the DMARC policy beside a failure where
 * that result names one (`dmarcPolicyOf`). What is absent is UNKNOWN, never FAIL: a file saved
 * from another mailbox has no verdicts, and that proves nothing.
 */
import type { DmarcPolicy, InboundMessage, Receipt, Verdict } from '../domain';
import { sesVerdict } from './ses-verdict';

/** RFC 8601 result words, as SES maps them into its receipt. */
function authVerdict(result: string | undefined): Verdict {
  switch (result?.toLowerCase()) {
    case undefined:
      return 'UNKNOWN';
    case 'pass':
      return 'PASS';
    case 'fail':
    case 'hardfail':
      return 'FAIL';
    case 'temperror':
    case 'permerror':
      return 'PROCESSING_FAILED';
    default: // none, neutral, softfail, policy
      return 'GRAY';
  }
}

/** One result in an Authentication-Results field: `dkim=pass header.d=example.com` and its properties. */
export interface AuthResult {
  /** The method, lowercased: `spf`, `dkim`, `dmarc`, ... */
  method: string;
  /** The result word, lowercased: `pass`, `fail`, `none`, ... */
  result: string;
  /** Property → value, names lowercased: `header.d`, `smtp.mailfrom`, and SES's `envelope-from`. */
  properties: ReadonlyMap<string, string>;
  /** The text of the comments that stand in the result (`(p=NONE sp=NONE dis=NONE)`), one space apart; absent when none does. */
  comment?: string;
}

/**
 * Names that SES writes as `name=value` after its SPF result, separated by `;` as if they were
 * results of their own (`spf=pass (...) client-ip=...; envelope-from=...; helo=...;`). They,
 * and any `ptype.property`, belong to the result before them; every other name starts a result.
 */
const BARE_PROPERTIES = new Set(['client-ip', 'envelope-from', 'helo', 'reason', 'action', 'policy']);

/** One character of a field value, whether it stood inside a quoted-string, and where it stood in the value. */
interface Scanned {
  char: string;
  quoted: boolean;
  at: number;
}

/** A comment of a field value, without its parentheses, and where its `(` stood in the value. */
interface Comment {
  text: string;
  at: number;
}

/**
 * The value without its comments (nested ones too) and the quote marks of its quoted-strings,
 * each character marked as quoted or not (RFC 5322 §3.2: quoted-pairs, comments, quoted-strings;
 * a domain literal `[…]` counts as quoted, brackets kept). A comment reads as one space, and is
 * kept apart (a nested one within the text of the outermost); no whitespace is kept around an `=`
 * outside quotes.
 */
function scan(value: string): { chars: Scanned[]; comments: Comment[] } {
  const out: Scanned[] = [];
  const comments: Comment[] = [];
  let depth = 0;
  let quoted = false;
  let literal = false;
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i];
    const at = i;
    if (literal) {
      out.push({ char, quoted: true, at });
      literal = char !== ']';
    } else if (quoted) {
      if (char === '"') quoted = false;
      else out.push({ char: char === '\\' && i + 1 < value.length ? value[(i += 1)] : char, quoted: true, at });
    } else if (depth > 0) {
      const comment = comments[comments.length - 1];
      if (char === '\\') i += 1;
      else if (char === '(') depth += 1;
      else if (char === ')') depth -= 1;
      if (depth > 0) comment.text += value.slice(at, i + 1);
    } else if (char === '(') {
      depth = 1;
      comments.push({ text: '', at });
      out.push({ char: ' ', quoted: false, at });
    } else if (char === '"') {
      quoted = true;
    } else if (char === '[') {
      literal = true;
      out.push({ char, quoted: true, at });
    } else if (char === '=') {
      while (out.length > 0 && !out[out.length - 1].quoted && /\s/.test(out[out.length - 1].char)) out.pop();
      out.push({ char, quoted: false, at });
      while (i + 1 < value.length && /\s/.test(value[i + 1])) i += 1;
    } else {
      out.push({ char, quoted: false, at });
    }
  }
  return { chars: out, comments };
}

const blank = (c: Scanned | undefined) => c !== undefined && !c.quoted && /\s/.test(c.char);

/** A `name=value` token of a field value, and where its first character stood in the value. */
interface Token {
  text: string;
  at: number;
}

/**
 * The whitespace-separated `name=value` tokens of each part of the value between the `;` that end
 * one result or property (`; ` as SES writes it, or the end). Text the sender chose stands in some
 * values (the envelope sender and HELO name SPF checked, the From domain): a `;` or space inside a
 * quoted-string, or a `;` with no space after it, starts nothing (a HELO name holding `; `:
 * `authResults`).
 */
function tokens(value: string): { parts: Token[][]; comments: Comment[] } {
  const { chars, comments } = scan(value);
  const parts: Token[][] = [[]];
  let token: Token = { text: '', at: 0 };
  const endToken = () => {
    if (token.text !== '') parts[parts.length - 1].push(token);
    token = { text: '', at: 0 };
  };
  chars.forEach((c, i) => {
    if (!c.quoted && c.char === ';' && (i + 1 === chars.length || blank(chars[i + 1]))) {
      endToken();
      parts.push([]);
    } else if (blank(c)) endToken();
    else {
      if (token.text === '') token.at = c.at;
      token.text += c.char;
    }
  });
  endToken();
  return { parts, comments };
}

/** A token's name, lowercased; undefined for a token that is no `name=value`. */
function tokenName(token: Token): string | undefined {
  const equals = token.text.indexOf('=');
  return equals > 0 ? token.text.slice(0, equals).toLowerCase() : undefined;
}

const isProperty = (name: string) => name.includes('.') || BARE_PROPERTIES.has(name);

/**
 * The results a run of tokens makes: each property belongs to the result before it, and one before any
 * is dropped; so does each comment that stands after a result's first character and before the next
 * result (or `end`).
 */
function resultsOf(run: readonly Token[], comments: readonly Comment[], end = Infinity): AuthResult[] {
  const results: Array<{ method: string; result: string; properties: Map<string, string>; at: number }> = [];
  for (const token of run) {
    const name = tokenName(token);
    if (name === undefined) continue;
    const tokenValue = token.text.slice(name.length + 1);
    if (isProperty(name)) results[results.length - 1]?.properties.set(name, tokenValue);
    else results.push({ method: name, result: tokenValue.toLowerCase(), properties: new Map(), at: token.at });
  }
  return results.map(({ at, ...result }, i) => {
    const until = results[i + 1]?.at ?? end;
    const text = comments.filter((c) => c.at > at && c.at < until).map((c) => c.text.trim());
    return text.length > 0 ? { ...result, comment: text.join(' ') } : result;
  });
}

/** Whitespace runs as one space: the two fields are unfolded (parse.ts), but SES folds them differently. */
const collapsed = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Where SES's SPF result ends in its Authentication-Results value: SES writes that result as
 * `spf=` and then its Received-SPF value word for word, whose last property is the HELO name, so
 * the value starts `<authserv-id>; spf=<Received-SPF>` (whitespace runs compared as one space),
 * followed by a blank or the end. The index just past that, or undefined when the value does not start so.
 */
function spfResultEnd(value: string, receivedSpf: string): number | undefined {
  const expected = collapsed(`${value.slice(0, value.indexOf(';') + 1)} spf=${receivedSpf}`);
  let at = 0;
  for (const char of expected) {
    if (char !== ' ') {
      if (value[at] !== char) return undefined;
      at += 1;
    } else if (/\s/.test(value[at] ?? '')) {
      while (/\s/.test(value[at] ?? '')) at += 1;
    } else return undefined;
  }
  return at === value.length || /\s/.test(value[at]) ? at : undefined;
}

/**
 * The results in one Authentication-Results value (RFC 8601), its authserv-id and comments left out.
 * With `spfEnd` (`spfResultEnd`), what stands before it is one result, SPF's, whose properties
 * are those before its `helo`: the HELO name is text the sender chose, with no space in it by RFC
 * 5321, but SES's server may take one, and `HELO mx; dkim=pass header.d=victim.example` would
 * otherwise add a DKIM pass for a domain the sender does not hold, or `HELO mx;
 * envelope-from=ceo@victim.example` replace the envelope sender SPF checked.
 *
 * This reads a part of what the reading without `spfEnd` does, never more: the tokens are cut
 * from the whole value as before; SPF's result keeps a leading run of its tokens, up to `helo`
 * (so a property named again after it no longer replaces SES's), and every result after
 * `spfEnd` has the same tokens as before (a property there before any result belongs to none).
 * So a Received-SPF the sender wrote (were SES ever to write none) can only end the SPF result
 * earlier, dropping results, and that vouches for no more: the verdicts come from the receipt
 * (the CLI's, read from these results, can lose a pass, never gain one), and a result only
 * names the domain a verdict is about.
 */
function authResults(value: string, spfEnd?: number): AuthResult[] {
  const { parts, comments } = tokens(value);
  const all = parts.slice(1).flat();
  if (spfEnd === undefined) return resultsOf(all, comments);
  const spf = all.filter((token) => token.at < spfEnd);
  const helo = spf.findIndex((token, i) => {
    const name = tokenName(token);
    return i > 0 && name !== undefined && (name === 'helo' || !isProperty(name));
  });
  return [
    ...resultsOf(helo < 0 ? spf : spf.slice(0, helo), comments, spfEnd),
    ...resultsOf(
      all.filter((token) => token.at >= spfEnd),
      comments.filter((c) => c.at >= spfEnd),
    ),
  ];
}

/**
 * The fields last read and their results: screening and addressing ask three times of one
 * message, and the parse was a tenth of a decision (bench/run.ts at 19 entries). Keyed by the
 * fields' text, not the message, so a changed field is read afresh.
 */
let lastRead: { ses: string; receivedSpf: string | undefined; results: readonly AuthResult[] } | undefined;

/**
 * The results SES wrote into a stored message: only the topmost `Authentication-Results`
 * whose authserv-id is amazonses.com counts, since SES puts its own on top and any below it
 * were written by whoever sent the message; its SPF result is as long as the topmost
 * `Received-SPF` (SES's own, on top too) says (`spfResultEnd`). Empty when there is none.
 */
export function sesAuthResults(message: InboundMessage): readonly AuthResult[] {
  const fields = message.headers.get('authentication-results') ?? [];
  const ses = fields.find((value) => value.split(';')[0].trim().toLowerCase() === 'amazonses.com');
  if (ses === undefined) return [];
  const receivedSpf = message.headers.get('received-spf')?.[0];
  if (lastRead?.ses !== ses || lastRead.receivedSpf !== receivedSpf) {
    lastRead = { ses, receivedSpf, results: authResults(ses, receivedSpf === undefined ? undefined : spfResultEnd(ses, receivedSpf)) };
  }
  return lastRead.results;
}

/** One method's verdict word; several DKIM signatures: one that passes is enough, as for SES. */
function combined(results: readonly AuthResult[], method: string): string | undefined {
  const words = results.filter((r) => r.method === method).map((r) => r.result);
  if (words.length === 0) return undefined;
  return words.includes('pass') ? 'pass' : words[0];
}

const POLICIES: ReadonlySet<string> = new Set<DmarcPolicy>(['none', 'quarantine', 'reject']);

/**
 * The policy words a DMARC result names, lowercased, as receivers write them: the `policy.dmarc`
 * property (RFC 8601's ptype `policy`); Microsoft's `action=`, whose `oreject` (or `o.reject`)
 * is a `reject` the receiver overrode and whose `pct.` ones a policy a `pct=` below 100 left unapplied;
 * and `p=` and `sp=` in its comment (Google's `(p=NONE sp=NONE dis=NONE)`, `(p=none; dis=none)`),
 * `dis=` being what the receiver did, not what the domain asked.
 */
function policyWords(result: AuthResult): string[] {
  const action = result.properties
    .get('action')
    ?.toLowerCase()
    .replace(/^(?:o\.?(?=reject$)|pct\.)/, '');
  const inComment = [...(result.comment ?? '').matchAll(/(?:^|[\s;,])s?p=([a-z]+)/gi)].map((match) => match[1].toLowerCase());
  return [result.properties.get('policy.dmarc')?.toLowerCase(), action, ...inComment].filter((word) => word !== undefined);
}

/**
 * The From domain's DMARC policy, where SES's DMARC result names one, only beside a failure, as SES's
 * receipt gives it. Undefined when it names none, a word that is no policy, or two policies: of Google's
 * `p=` and `sp=`, which applies depends on whether the record was found at the From domain or at its
 * organization's, which the comment does not say.
 */
function dmarcPolicyOf(results: readonly AuthResult[]): DmarcPolicy | undefined {
  if (authVerdict(combined(results, 'dmarc')) !== 'FAIL') return undefined;
  const words = new Set(results.filter((r) => r.method === 'dmarc').flatMap(policyWords));
  const [word] = words;
  return words.size === 1 && POLICIES.has(word) ? (word as DmarcPolicy) : undefined;
}

/** The receipt from the verdict headers of a stored message (see `sesAuthResults` for which count). */
export function receiptFromHeaders(message: InboundMessage, recipients: string[] = []): Receipt {
  const first = (name: string) => message.headers.get(name)?.[0];
  const results = sesAuthResults(message);
  const receivedSpf = /^\s*([a-z]+)/i.exec(first('received-spf') ?? '')?.[1];
  const dmarcPolicy = dmarcPolicyOf(results);
  return {
    recipients: recipients.map((recipient) => recipient.trim().toLowerCase()),
    // SES's own verdict fields carry the receipt's words.
    spam: sesVerdict(first('x-ses-spam-verdict')),
    virus: sesVerdict(first('x-ses-virus-verdict')),
    spf: authVerdict(combined(results, 'spf') ?? receivedSpf),
    dkim: authVerdict(combined(results, 'dkim')),
    dmarc: authVerdict(combined(results, 'dmarc')),
    ...(dmarcPolicy ? { dmarcPolicy, dmarcPolicySource: 'authentication-results' as const } : {}),
  };
}
