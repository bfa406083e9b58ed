/**
 * The SES receipt as far as stored mail tells it. SES inbound writes its verdicts into the
 * message it stores (`X-SES-Spam-Verdict`, `X-SES-Virus-Verdict`, its own
 * `Authentication-Results: amazonses.com; spf=...; dkim=...; dmarc=...`, `Received-SPF`);
 * the CLI, which has no SES event, reads them back. What is absent is UNKNOWN, never FAIL:
 * a file saved from another mailbox has no verdicts, and that proves nothing.
 */
import type { InboundMessage, Receipt, Verdict } from '../domain';
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
}

/**
 * Names that SES writes as `name=value` after its SPF result, separated by `;` as if they were
 * results of their own (`spf=pass (...) client-ip=...; envelope-from=...; helo=...;`). They,
 * and any `ptype.property`, belong to the result before them; every other name starts a result.
 */
const BARE_PROPERTIES = new Set(['client-ip', 'envelope-from', 'helo', 'reason', 'action', 'policy']);

/** One character of a field value, and whether it stood inside a quoted-string. */
interface Scanned {
  char: string;
  quoted: boolean;
}

/**
 * The value without its comments (nested ones too) and the quote marks of its quoted-strings,
 * each character marked as quoted or not (RFC 5322 §3.2: quoted-pairs, comments, quoted-strings;
 * a domain literal `[…]` counts as quoted, brackets kept). A comment reads as one space; no
 * whitespace is kept around an `=` outside quotes.
 */
function scan(value: string): Scanned[] {
  const out: Scanned[] = [];
  let depth = 0;
  let quoted = false;
  let literal = false;
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i];
    if (literal) {
      out.push({ char, quoted: true });
      literal = char !== ']';
    } else if (quoted) {
      if (char === '"') quoted = false;
      else out.push({ char: char === '\\' && i + 1 < value.length ? value[(i += 1)] : char, quoted: true });
    } else if (depth > 0) {
      if (char === '\\') i += 1;
      else if (char === '(') depth += 1;
      else if (char === ')') depth -= 1;
    } else if (char === '(') {
      depth = 1;
      out.push({ char: ' ', quoted: false });
    } else if (char === '"') {
      quoted = true;
    } else if (char === '[') {
      literal = true;
      out.push({ char, quoted: true });
    } else if (char === '=') {
      while (out.length > 0 && !out[out.length - 1].quoted && /\s/.test(out[out.length - 1].char)) out.pop();
      out.push({ char, quoted: false });
      while (i + 1 < value.length && /\s/.test(value[i + 1])) i += 1;
    } else {
      out.push({ char, quoted: false });
    }
  }
  return out;
}

const blank = (c: Scanned | undefined) => c !== undefined && !c.quoted && /\s/.test(c.char);

/**
 * The whitespace-separated `name=value` tokens of each part of the value between the `;` that end
 * one result or property (`; ` as SES writes it, or the end). Text the sender chose stands in some
 * values (the envelope sender and HELO name SPF checked, the From domain): a `;` or space inside a
 * quoted-string, or a `;` with no space after it (a HELO name holds no space), starts nothing.
 */
function tokens(value: string): string[][] {
  const chars = scan(value);
  const parts: string[][] = [[]];
  let token = '';
  const endToken = () => {
    if (token !== '') parts[parts.length - 1].push(token);
    token = '';
  };
  chars.forEach((c, i) => {
    if (!c.quoted && c.char === ';' && (i + 1 === chars.length || blank(chars[i + 1]))) {
      endToken();
      parts.push([]);
    } else if (blank(c)) endToken();
    else token += c.char;
  });
  endToken();
  return parts;
}

/** The results in one Authentication-Results value (RFC 8601), its authserv-id and comments left out. */
function authResults(value: string): AuthResult[] {
  const results: Array<{ method: string; result: string; properties: Map<string, string> }> = [];
  for (const token of tokens(value).slice(1).flat()) {
    const equals = token.indexOf('=');
    if (equals <= 0) continue;
    const name = token.slice(0, equals).toLowerCase();
    const tokenValue = token.slice(equals + 1);
    if (name.includes('.') || BARE_PROPERTIES.has(name)) results[results.length - 1]?.properties.set(name, tokenValue);
    else results.push({ method: name, result: tokenValue.toLowerCase(), properties: new Map() });
  }
  return results;
}

/**
 * The results SES wrote into a stored message: only the topmost `Authentication-Results`
 * whose authserv-id is amazonses.com counts, since SES puts its own on top and any below it
 * were written by whoever sent the message. Empty when there is none.
 */
export function sesAuthResults(message: InboundMessage): AuthResult[] {
  const fields = message.headers.get('authentication-results') ?? [];
  const ses = fields.find((value) => value.split(';')[0].trim().toLowerCase() === 'amazonses.com');
  return ses === undefined ? [] : authResults(ses);
}

/** One method's verdict word; several DKIM signatures: one that passes is enough, as for SES. */
function combined(results: readonly AuthResult[], method: string): string | undefined {
  const words = results.filter((r) => r.method === method).map((r) => r.result);
  if (words.length === 0) return undefined;
  return words.includes('pass') ? 'pass' : words[0];
}

/** The receipt from the verdict headers of a stored message (see `sesAuthResults` for which count). */
export function receiptFromHeaders(message: InboundMessage, recipients: string[] = []): Receipt {
  const first = (name: string) => message.headers.get(name)?.[0];
  const results = sesAuthResults(message);
  const receivedSpf = /^\s*([a-z]+)/i.exec(first('received-spf') ?? '')?.[1];
  return {
    recipients: recipients.map((recipient) => recipient.trim().toLowerCase()),
    // SES's own verdict fields carry the receipt's words.
    spam: sesVerdict(first('x-ses-spam-verdict')),
    virus: sesVerdict(first('x-ses-virus-verdict')),
    spf: authVerdict(combined(results, 'spf') ?? receivedSpf),
    dkim: authVerdict(combined(results, 'dkim')),
    dmarc: authVerdict(combined(results, 'dmarc')),
  };
}
