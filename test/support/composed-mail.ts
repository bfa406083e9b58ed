/** What the suites of the mail we compose read back from it alike: its addresses, and its head after a header injection. */
import type { AddressObject, ParsedMail } from 'mailparser';
import type { OutboundMail } from '../../lambda/domain';

/** The addresses of a parsed To, Cc or Reply-To, in order. */
export function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  return (Array.isArray(value) ? value : value ? [value] : []).flatMap((object) => object.value.map((entry) => entry.address ?? ''));
}

/** CR/LF and a header line: what a writer puts in a field to add a recipient, were the field written as given. */
export const HEADER_INJECTION = '\r\nBcc: victim@evil.test';

/** The header fields of every mail we compose, beside those of its kind (an answer's mark, an escalation's Reply-To). */
export const COMPOSED_HEADERS = [
  'auto-submitted',
  'x-auto-response-suppress',
  'from',
  'to',
  'in-reply-to',
  'references',
  'subject',
  'message-id',
  'date',
  'mime-version',
  'content-type',
];

/** The injection added no field: no Bcc, and not the X-Injected a Reply-To name tries with a bare LF. */
export function expectNoInjectedHeader(mail: OutboundMail, parsed: ParsedMail): void {
  expect(parsed.bcc).toBeUndefined();
  const head = mail.raw.toString('latin1').split('\r\n\r\n')[0];
  expect(head).not.toMatch(/^(bcc|x-injected):/im);
}
