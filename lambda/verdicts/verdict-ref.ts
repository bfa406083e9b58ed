/**
 * The reference a verdict link carries (../compose/verdict-footer): a line `faqmail-ref: <id>` in
 * the body, naming the inbound message (its SES id, the key of its decision record) that the
 * staff mail was about. It rides in the body because a `mailto:` link sets only the subject and
 * the body reliably (RFC 6068 §2: clients may ignore In-Reply-To and the like), and such a mail
 * replies to nothing.
 *
 * The reference only routes: it says which decision a verdict is on, never who may give one.
 * That is the staff-From check in ./staff-reply, as for a reply. It is no secret (every hand-over
 * carries it, and staff who answer the writer by Reply may quote it): see docs/security.md.
 *
 * Pure: the line, not the record it names (../state/history looks that up).
 */

const LABEL = 'faqmail-ref';

/**
 * The reference at the end of a line, alone on it or after the verdict: a client that drops the
 * link body's line break (`%0D%0A`) sends both on one line. Not on a quoted line (`> ...`), nor
 * glued to a word before it. The id is an SES message id as SES writes it (lower-case letters,
 * digits and hyphens, 40-odd characters), with room to spare; anything else after it is no
 * reference of ours and is not looked up.
 */
const REF = `(?<![^ \\t\\n])${LABEL}[ \\t]*:[ \\t]*([A-Za-z0-9._-]{1,128})[ \\t\\r]*$`;
const REF_AT_LINE_END = new RegExp(`^(?![ \\t]*>)([^\\r\\n]*?)${REF}`, 'im');

/** The body line that names `inboundId`. */
export function verdictRefLine(inboundId: string): string {
  return `${LABEL}: ${inboundId}`;
}

/** The inbound id a line of `text` names, or undefined when no line is a reference. */
export function findVerdictRef(text: string): string | undefined {
  return REF_AT_LINE_END.exec(text)?.[2];
}

/** `text` without the reference `findVerdictRef` reads, so that the verdict on its line reads alone. */
export function withoutVerdictRef(text: string): string {
  return text.replace(REF_AT_LINE_END, '$1');
}
