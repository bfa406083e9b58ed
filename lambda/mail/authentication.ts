/**
 * Who the message's authentication vouches for. SPF, DKIM and DMARC each prove that one
 * domain sent the message: DMARC the From domain, SPF the envelope sender's (MAIL FROM),
 * DKIM each signer's (`d=`). An address is vouched for when its organizational domain is
 * that of a domain that passed: DMARC's relaxed alignment (RFC 7489 §3.1), with the
 * organizational domain read from the Public Suffix List (private domains included, so
 * `a.github.io` and `b.github.io` are different organizations).
 *
 * The verdicts come from the receipt (the SES event, or in the CLI the headers SES wrote);
 * which domains they are about, from the Authentication-Results field SES wrote on top of
 * the stored message. Pure, so that anything needing "did this sender really write" (an
 * automatic answer, a staff verdict by mail) asks the same question the same way.
 */
import type { getDomain as GetDomain } from 'tldts';
import { comparable } from '../comparable-address';
import type { InboundMessage, Receipt } from '../domain';
import { asciiDomain } from './address-syntax';
import { sesAuthResults, type AuthResult } from './receipt-headers';

export type AuthMethod = 'dmarc' | 'spf' | 'dkim';

/** A domain whose authentication passed, and how. */
export interface VouchedDomain {
  method: AuthMethod;
  domain: string;
}

/**
 * `x@Mail.Example.com` or `@example.com` or `example.com.` → `mail.example.com`. A Unicode domain,
 * as mailparser gives one in an address, in Punycode, as SES's results name it and as an answer is
 * addressed (./writer): `ana@bücher.example` is vouched for by a pass for `xn--bcher-kva.example`.
 */
function domainOf(value: string | undefined): string | undefined {
  const domain = value
    ?.slice(value.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase()
    .replace(/\.$/, '');
  return domain ? asciiDomain(domain) : undefined;
}

/**
 * The domain of a value in a header field (SES's Authentication-Results and Received-SPF, a
 * DKIM-Signature, the Return-Path), its UTF-8 read as UTF-8 as the From address is (parse.ts,
 * `headerText`): read a byte a character, a name SES wrote in UTF-8 (`bücher.example`) was
 * `bÃ¼cher.example`, which IDNA made another domain's Punycode (`víctim.example` became
 * `vãctim.example`'s), and a pass for one domain vouched for another. A name holding a character
 * IDNA reads as a dot (`victim。evil.example`) is none: a server that looks it up as written finds
 * one label there, a name under `example` that `evil.example`'s holder need not hold, so it vouches for nobody.
 */
function receivedDomainOf(value: string | undefined): string | undefined {
  return value === undefined || IDNA_DOTS.test(value) ? undefined : domainOf(value);
}

/** The characters other than `.` that IDNA (UTS #46) maps to a dot between labels. */
const IDNA_DOTS = /[\u3002\uff0e\uff61]/;

/**
 * The Public Suffix List, loaded at first use: building it takes 13-18 ms, a tenth of a cold
 * start, and most mail never needs it, because DMARC vouches for the From domain itself and a
 * domain is its own organization's (`sameOrganization`).
 */
let suffixList: typeof GetDomain | undefined;
function registrableDomain(name: string): string | null {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at first use on purpose (above)
  suffixList ??= (require('tldts') as { getDomain: typeof GetDomain }).getDomain;
  return suffixList(name, { allowPrivateDomains: true });
}

/**
 * A domain name: dot-separated labels of letters, digits, marks, `-` and `_` (Unicode ones too).
 * The suffix list's parser reads URLs, so `victim.example#.evil.example` or
 * `victim.example/.evil.example` would read as `victim.example`, though DNS holds such a name
 * under `evil.example` (whoever holds that zone can publish SPF and DKIM keys there).
 */
const DOMAIN_NAME = /^[\p{L}\p{N}\p{M}_-]+(?:\.[\p{L}\p{N}\p{M}_-]+)*$/u;

/**
 * The registrable domain (`mail.example.co.uk` → `example.co.uk`); the name itself where there is
 * none (an IP, `localhost`) or where it is no domain name (`DOMAIN_NAME`), which only it matches then.
 */
export function organizationalDomain(domain: string): string {
  const name = domain.trim().toLowerCase().replace(/\.$/, '');
  if (!DOMAIN_NAME.test(name)) return name;
  return registrableDomain(name) ?? name;
}

/** Two domains (as `domainOf` gives them) of one organization: the same name needs no lookup. */
function sameOrganization(a: string, b: string): boolean {
  return a === b || organizationalDomain(a) === organizationalDomain(b);
}

function property(results: readonly AuthResult[], method: string, names: readonly string[]): string | undefined {
  for (const result of results.filter((r) => r.method === method)) {
    for (const name of names) {
      const value = receivedDomainOf(result.properties.get(name));
      if (value) return value;
    }
  }
  return undefined;
}

/** The envelope sender SPF checked: SES's own result, else its Received-SPF field, else the Return-Path it wrote. */
function spfDomain(message: InboundMessage, results: readonly AuthResult[]): string | undefined {
  const receivedSpf = /envelope-from=([^\s;]+)/i.exec(message.headers.get('received-spf')?.[0] ?? '')?.[1];
  return (
    property(results, 'spf', ['smtp.mailfrom', 'envelope-from']) ?? receivedDomainOf(receivedSpf) ?? receivedDomainOf(message.returnPath)
  );
}

function add(vouched: VouchedDomain[], method: AuthMethod, domain: string | undefined): void {
  if (domain) vouched.push({ method, domain });
}

/** Quoted-strings and comments (innermost first, a few levels), where an `@` names no address. */
const QUOTED = /"(?:[^"\\]|\\.)*"/g;
const COMMENT = /\((?:[^()\\]|\\.)*\)/g;
/** A quoted-string right before an `@`: a local part, not a display name. */
const QUOTED_LOCAL_PART = /"((?:[^"\\]|\\.)*)"(?=@)/g;

/**
 * The addresses a raw address field names outside quoted-strings and comments, lowercased, once each.
 * A comment reads as `commentAs`: a space apart, or nothing, to read `pete(his account)@silly.test`
 * (RFC 5322's obsolete syntax allows comments inside an address) as one.
 */
function namedAddresses(value: string, commentAs = ' '): Set<string> {
  let bare = value.replace(QUOTED, ' ');
  for (let level = 0; level < 5 && bare.includes('('); level += 1) bare = bare.replace(COMMENT, commentAs);
  return new Set(
    bare
      .toLowerCase()
      .split(/[\s<>,;:]+/)
      .filter((token) => token.includes('@')),
  );
}

/**
 * Why the message's From cannot be told for certain, or undefined when it can. We read the first
 * address of the first From field, as mailparser does; a DKIM verifier, DMARC and the sender's own
 * mail server may read another:
 * - several From fields (RFC 5322 §3.6 allows one): a signature covers the last, so anyone holding
 *   one signed message of a domain (a newsletter) can put any From of that domain above it;
 * - one field naming several addresses outside its quoted-strings and comments (`Jose
 *   <victim@gmail.com> <mallory@gmail.com>`, or the first inside an encoded word): mailparser takes
 *   the first, a provider that checks its user sends as themselves may take the last, and DMARC
 *   passes for their common domain. The same address twice (`jane@x.example <jane@x.example>`) is one;
 * - an address the field holds only as an encoded word (`<=?utf-8?q?victim=40gmail.com?=>`): mailparser
 *   decodes it and reads an address the field carries in no RFC 5322 reading (RFC 2047 §5 keeps encoded
 *   words out of an address), while the sender's provider and DMARC read none there, or another.
 */
export function ambiguousFrom(message: InboundMessage): string | undefined {
  const fields = message.headers.get('from') ?? [];
  if (fields.length > 1) return `it has ${fields.length} From fields`;
  const named = fields.length === 1 ? namedAddresses(fields[0]) : new Set<string>();
  if (named.size > 1) return `its From field names ${named.size} addresses`;
  const from = message.from?.address;
  if (from === undefined || fields.length === 0 || spelledIn(fields[0], from)) return undefined;
  return 'its From address stands in the field only encoded, where RFC 2047 allows no encoded word';
}

/**
 * Whether a raw address field spells `parsed` (an address mailparser read from it) outside encoded words,
 * as the sender's mail server and DMARC read it: its 8-bit text as UTF-8 (RFC 6532), comments apart and
 * left out, a quoted local part (`"john.doe"@example.com`) unquoted, since mailparser gives it so bare,
 * and quoted within `<>`.
 */
function spelledIn(field: string, parsed: string): boolean {
  const unquoted = (value: string) => value.replace(QUOTED_LOCAL_PART, (_quoted, local: string) => local.replace(/\\(.)/g, '$1'));
  const values = [field, unquoted(field)];
  const spelled = values.flatMap((value) => [...namedAddresses(value), ...namedAddresses(value, '')]);
  return spelled.some((address) => sameAddress(address, parsed) || sameAddress(address, unquoted(parsed)));
}

/** Two spellings of one address: mailparser gives an internationalized domain in Unicode, the field may hold it as Punycode. */
function sameAddress(raw: string, parsed: string): boolean {
  const ascii = (address: string) => {
    const at = address.lastIndexOf('@');
    return at < 0 ? address : `${address.slice(0, at)}@${asciiDomain(address.slice(at + 1).toLowerCase())}`;
  };
  return raw === parsed || ascii(raw) === ascii(parsed);
}

/**
 * Every domain the message's authentication vouches for, DMARC's first. None when DMARC failed:
 * it judged the From domain itself (mail from a domain whose policy is `none` gets this far), so
 * no pass of SPF or DKIM it did not count as aligned may stand for that domain here. None either
 * when which From the message has cannot be told (`ambiguousFrom`): no verdict says which it is about.
 */
export function authenticatedDomains(message: InboundMessage, receipt: Receipt): VouchedDomain[] {
  if (receipt.dmarc === 'FAIL' || ambiguousFrom(message) !== undefined) return [];
  const results = sesAuthResults(message);
  const vouched: VouchedDomain[] = [];
  // DMARC evaluates the From domain; SES names it as header.from.
  if (receipt.dmarc === 'PASS') add(vouched, 'dmarc', property(results, 'dmarc', ['header.from']) ?? domainOf(message.from?.address));
  if (receipt.spf === 'PASS') add(vouched, 'spf', spfDomain(message, results));
  if (receipt.dkim === 'PASS') {
    // Each signature has its own result: only the signers whose signature passed count.
    for (const result of results.filter((r) => r.method === 'dkim' && r.result === 'pass')) {
      add(vouched, 'dkim', receivedDomainOf(result.properties.get('header.d')) ?? receivedDomainOf(result.properties.get('header.i')));
    }
  }
  return vouched;
}

/** The first passing result that vouches for `address`, if any does (aligned with it). */
export function vouchedBy(address: string, vouched: readonly VouchedDomain[]): VouchedDomain | undefined {
  const domain = domainOf(address);
  if (domain === undefined) return undefined;
  return vouched.find((v) => {
    const other = domainOf(v.domain);
    return other !== undefined && sameOrganization(other, domain);
  });
}

/** The passing result that vouches for the From address, if one does: the writer really is who From says. */
export function vouchedSender(message: InboundMessage, receipt: Receipt): VouchedDomain | undefined {
  return message.from && vouchedBy(message.from.address, authenticatedDomains(message, receipt));
}

/** What a DKIM-Signature field says of itself (RFC 6376 §3.5): its signer and the header fields it covers. */
interface Signature {
  /** `d=`, as `domainOf` gives it (in Punycode), or '' when none. */
  domain: string;
  /** The domain of `i=` (`@d` when absent), lowercased: what SES names as `header.i`. */
  identityDomain: string | undefined;
  /** `h=`, lowercased: DKIM covers the last field of each name it lists (one more listed covers its absence). */
  fields: string[];
}

function signatures(message: InboundMessage): Signature[] {
  return (message.headers.get('dkim-signature') ?? []).map((value) => {
    const tags = new Map<string, string>();
    for (const part of value.split(';')) {
      const equals = part.indexOf('=');
      // Tag values may be folded anywhere (FWS); none of the tags read here holds a space.
      if (equals > 0) tags.set(part.slice(0, equals).trim().toLowerCase(), part.slice(equals + 1).replace(/\s+/g, ''));
    }
    const domain = receivedDomainOf(tags.get('d')) ?? '';
    return {
      domain,
      identityDomain: tags.has('i') ? receivedDomainOf(tags.get('i')) : domain || undefined,
      fields: (tags.get('h') ?? '').toLowerCase().split(':'),
    };
  });
}

/**
 * Why authentication does not show that the writer addressed this message to us, or undefined when
 * it does. A DKIM signature stays valid wherever its message goes: anyone who holds one that the
 * writer signed for someone else (mail to them, a list's copy) can deliver it to the inbox from their
 * own server, and DMARC still passes for the writer's domain, so an answer would go to someone who
 * never wrote to us. So when no SPF pass of the From's organization shows that the writer's own
 * servers handed it to us (whose envelope then names us), a To or Cc field naming one of `ours` must
 * be under a signature that vouches for From: the only field of its name, listed in `h=` of every
 * signature of that signer (a failing one with the same `d=` could be anyone's). A message with no
 * Authentication-Results of SES (a file the CLI reads) says nothing of how it passed: its verdicts stand.
 */
export function unvouchedAddressing(message: InboundMessage, receipt: Receipt, ours: ReadonlySet<string>): string | undefined {
  const from = message.from?.address;
  if (from === undefined || sesAuthResults(message).length === 0) return undefined;
  const aligned = authenticatedDomains(message, receipt).filter((v) => vouchedBy(from, [v]) !== undefined);
  if (aligned.some((v) => v.method === 'spf')) return undefined;
  const signers = new Set(aligned.filter((v) => v.method === 'dkim').map((v) => v.domain));
  const signed = signatures(message).filter(
    (s) => signers.has(s.domain) || (s.identityDomain !== undefined && signers.has(s.identityDomain)),
  );
  // Our address as the writer's server read it: one only mailparser decodes from an encoded word reached us by no one's word.
  const covered = (name: 'to' | 'cc') => {
    const fields = message.headers.get(name) ?? [];
    return (
      signed.length > 0 &&
      signed.every((s) => s.fields.includes(name)) &&
      fields.length === 1 &&
      message[name].some((address) => ours.has(comparable(address.address)) && spelledIn(fields[0], address.address))
    );
  };
  if (covered('to') || covered('cc')) return undefined;
  return (
    'Only a DKIM signature vouches for its From domain (no SPF pass of that organization), and no To or Cc field ' +
    'under that signature names our address: it may be a message its writer signed for someone else, delivered to us ' +
    'again by that someone, and an automatic answer could go to someone who never wrote to us, so a person decides.'
  );
}

/** What vouches for the sender, in a few words for a log: `DKIM pass for example.com`. */
export function describeVouched({ method, domain }: VouchedDomain): string {
  return `${method.toUpperCase()} pass for ${domain}`;
}

const POLICY_SOURCES: Record<NonNullable<Receipt['dmarcPolicySource']>, string> = {
  'ses-receipt': "SES's receipt",
  'authentication-results': "SES's Authentication-Results field",
};

/** The DMARC policy a failure came under, and where that was read: `under policy none (from SES's receipt)`. */
export function describeDmarcPolicy({ dmarcPolicy, dmarcPolicySource }: Receipt): string {
  if (dmarcPolicy === undefined) return 'under an unknown policy (SES gave none)';
  return `under policy ${dmarcPolicy}${dmarcPolicySource ? ` (from ${POLICY_SOURCES[dmarcPolicySource]})` : ''}`;
}

/**
 * The verdicts in a few words, for a reason staff read: `SPF FAIL, DKIM PASS (sendgrid.net), DMARC GRAY`,
 * and a DMARC failure's policy (`DMARC FAIL under policy none (from SES's receipt)`).
 */
export function describeAuthentication(receipt: Receipt, vouched: readonly VouchedDomain[]): string {
  const part = (method: AuthMethod, verdict: string) => {
    const domains = vouched.filter((v) => v.method === method).map((v) => v.domain);
    return `${method.toUpperCase()} ${verdict}${domains.length > 0 ? ` (${domains.join(', ')})` : ''}`;
  };
  const dmarc = receipt.dmarc === 'FAIL' ? `FAIL ${describeDmarcPolicy(receipt)}` : receipt.dmarc;
  return [part('spf', receipt.spf), part('dkim', receipt.dkim), part('dmarc', dmarc)].join(', ');
}
