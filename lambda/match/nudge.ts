/**
 * A nudge ("ping on this?", "Any news on this? See below.") asks nothing of its own: it points at the earlier mail
 * below, and when that is the writer's own, that mail is what it asks again (devmonth7 probe round).
 */
import type { InboundMessage } from '../domain';
import { hasAnswerMark } from '../mail/answer-mark';

/** "ping on this?", "Hi, any news on this? See below.", "Bumping this.": as "see below" does. */
const NUDGE =
  /^\W*(?:(?:hi|hello|hey)\b[^\n,.!?]{0,20}[,.!]?\s*)?(?:ping(?:ing)?(?:\s+again)?|bump(?:ing)?|any\s+(?:update|news))(?:\s+on\s+(?:this|the\s+below))?\s*[?!.]*(?:\s+see\s+below[.!]*)?(?:\s+(?:thanks|thx|cheers)[!.]*)?\s*$/i;

/** A new text (a name under it at most) that only nudges. */
export function onlyNudges(newText: string): boolean {
  const lines = newText.trim().split(/\n\s*\n/);
  const body = lines.length > 1 && /^\s*\w+(?:\s+\w+)?\s*$/.test(lines[lines.length - 1]) ? lines.slice(0, -1) : lines;
  return NUDGE.test(body.join(' ').replace(/\s+/g, ' '));
}

/** A sentence that only nudges. */
export function isNudge(sentence: string): boolean {
  return NUDGE.test(sentence);
}

/** An attribution line above quoted mail ("On Tue, 8 Dec 2026 at 10:12, Ana <ana@example.com> wrote:"). */
const ATTRIBUTION = /^\s*On\b.{5,200}\bwrote:\s*$/i;

/**
 * The writer's own earlier mail, quoted under a new text that only nudges, without its quote markers (older mail it
 * quotes in turn stays quoted): read as a forward is. Not our answer quoted (follow-up screening has that), not mail an
 * attribution line gives to someone else.
 */
export function nudgedOwnMail(message: Pick<InboundMessage, 'from' | 'newText' | 'quotedText' | 'forwardedText'>): string {
  if (message.forwardedText.trim() || hasAnswerMark(message.quotedText)) return '';
  if (!onlyNudges(message.newText)) return pointedQuotedMail(message);
  const lines = message.quotedText.split('\n');
  const first = lines.findIndex((line) => line.trim() !== '');
  const head = lines[first] ?? '';
  // An attribution names whose mail it is: the writer's own (address or display name), not staff's or anyone else's.
  const { name = '', address = '' } = message.from ?? {};
  const own = (address !== '' && head.toLowerCase().includes(address)) || (name.trim() !== '' && head.includes(name.trim()));
  if (ATTRIBUTION.test(head) ? !own : !/^\s*>/.test(head)) return '';
  return lines
    .slice(ATTRIBUTION.test(head) ? first + 1 : first)
    .map((line) => line.replace(/^\s*> ?/, ''))
    .join('\n')
    .trim();
}

/**
 * A short new text that points at the quoted mail under it as what it is about ("Our developer sent me the note below",
 * "See what Tom says below", "Can you answer his question below?"): the mail it points at is read as a forward is,
 * whoever wrote it (belowfix round, issue 8). Not when the pointing is "as follows" ("asks below: can ...").
 */
const POINTS_AT_QUOTED =
  /\b(?:see|read|sent|forward(?:ed|ing)?|passing on|note|mail|email|message|question|says?|said|wrote|writes?)\b[^.?!\n]{0,40}\b(?:below|underneath)\b(?!\s*:)/i;
/** The new text is a short note, not a mail of its own that mentions something below. */
const POINTING_NOTE_CHARS = 400;

function pointedQuotedMail(message: Pick<InboundMessage, 'newText' | 'quotedText'>): string {
  const note = message.newText.trim();
  if (note.length > POINTING_NOTE_CHARS || !POINTS_AT_QUOTED.test(note.replace(/\s+/g, ' '))) return '';
  const lines = message.quotedText.split('\n');
  const first = lines.findIndex((line) => line.trim() !== '');
  const head = lines[first] ?? '';
  if (!ATTRIBUTION.test(head) && !/^\s*>/.test(head)) return '';
  return lines
    .slice(ATTRIBUTION.test(head) ? first + 1 : first)
    .map((line) => line.replace(/^\s*> ?/, ''))
    .join('\n')
    .trim();
}
