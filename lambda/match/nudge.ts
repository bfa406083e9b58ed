/**
 * A nudge ("ping on this?", "Any news on this? See below.") or a note pointing below ("See what Tom says below") asks
 * nothing of its own: it points at the earlier mail below, and that mail is what it asks again (devmonth7 probe round;
 * belowfix round).
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
 * A short new text that points at the quoted mail under it as what it is about ("Our developer sent me the note below",
 * "See what Tom says below", "Can you answer his question below?") asks what that mail asks, whoever wrote it (belowfix
 * round, issue 8). Not when the pointing is "as follows" ("asks below: can ..."), nor from a mail of its own that
 * mentions something below (longer than POINTING_NOTE_CHARS).
 */
const POINTS_AT_QUOTED =
  /\b(?:see|read|sent|forward(?:ed|ing)?|passing on|note|mail|email|message|question|says?|said|wrote|writes?)\b[^.?!\n]{0,40}\b(?:below|underneath)\b(?!\s*:)/i;
const POINTING_NOTE_CHARS = 400;

function pointsAtQuoted(newText: string): boolean {
  const note = newText.trim();
  return note.length <= POINTING_NOTE_CHARS && POINTS_AT_QUOTED.test(note.replace(/\s+/g, ' '));
}

/**
 * The quoted mail a new text asks again, without its quote markers (older mail it quotes in turn stays quoted), read as
 * a forward is: under a nudge, the writer's own earlier mail; under a note pointing at it, whoever's it is. Not our
 * answer quoted (follow-up screening has that), not mail an attribution line gives to someone else under a nudge.
 */
export function quotedMailAsked(message: Pick<InboundMessage, 'from' | 'newText' | 'quotedText' | 'forwardedText'>): string {
  if (message.forwardedText.trim() || hasAnswerMark(message.quotedText)) return '';
  const nudges = onlyNudges(message.newText);
  if (!nudges && !pointsAtQuoted(message.newText)) return '';
  const lines = message.quotedText.split('\n');
  const first = lines.findIndex((line) => line.trim() !== '');
  const head = lines[first] ?? '';
  const attributed = ATTRIBUTION.test(head);
  if (!attributed && !/^\s*>/.test(head)) return '';
  // An attribution names whose mail it is: a nudge asks again the writer's own (address or display name) only.
  const { name = '', address = '' } = message.from ?? {};
  const own = (address !== '' && head.toLowerCase().includes(address)) || (name.trim() !== '' && head.includes(name.trim()));
  if (attributed && nudges && !own) return '';
  return lines
    .slice(attributed ? first + 1 : first)
    .map((line) => line.replace(/^\s*> ?/, ''))
    .join('\n')
    .trim();
}
