/**
 * Forwarded messages: email-reply-parser has no notion of them (it leaves Gmail's
 * "---------- Forwarded message ---------" and everything below in the reply), so the
 * writer's note and the message they forward are told apart here.
 */
import { historyStart, isSeparatorLine, SHORT_LINE } from './quote-rules';
import { isForwardSubject } from './subject-prefixes';

const FORWARD_SEPARATOR =
  /^\s*-{2,}\s*(?:Forwarded message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado|Messaggio inoltrato|Mensagem encaminhada|Doorgestuurd bericht|Videresendt meddelelse|Vidarebefordrat meddelande|Videresendt melding|Välitetty viesti|Przekazana wiadomość|Пересылаемое сообщение|Přeposlaná zpráva)\s*-{2,}\s*$/iu;
const FORWARD_INTRO =
  /^\s*(?:Begin forwarded message|Anfang der weitergeleiteten Nachricht|Début du message réexpédié|Début du message transféré|Inicio del mensaje reenviado|Comienzo del mensaje reenviado|Inizio messaggio inoltrato|Início da mensagem reencaminhada|Begin doorgestuurd bericht)\s*:\s*$/iu;

// "From: ...", "*Subject:* ...", "Date : ..." — a header line of the forwarded message.
const HEADER_LINE = /^\s*[*_]?[\p{L}][\p{L} -]{0,24}[*_]?\s*:/u;

export interface ForwardSplit {
  /** What the writer wrote above the forwarded message. */
  note: string[];
  /** The forwarded message's body, its header block left out. */
  forwarded: string[];
}

function forwardMarker(lines: readonly string[], subject: string): number {
  const history = historyStart(lines);
  for (let at = 0; at < lines.length; at += 1) {
    const line = lines[at];
    // Below a quote the forward belongs to the quoted history.
    if (line.startsWith('>') || at === history) break;
    if (line.length <= SHORT_LINE && (FORWARD_SEPARATOR.test(line) || FORWARD_INTRO.test(line))) return at;
  }
  // Outlook forwards look like its replies: the header block of the forwarded message.
  return history >= 0 && isForwardSubject(subject) ? history : -1;
}

/** The forwarded body: separators and the header block (up to the first empty line after it) skipped. */
function skipHeaderBlock(lines: readonly string[]): string[] {
  let at = 0;
  while (at < lines.length && (lines[at].trim() === '' || isSeparatorLine(lines[at]))) at += 1;
  const start = at;
  while (at < lines.length && lines[at].trim() !== '') {
    const line = lines[at];
    const header = line.length <= SHORT_LINE && (HEADER_LINE.test(line) || (at > start && /^\s/.test(line)));
    if (!header && at === start) return lines.slice(start);
    at += 1;
  }
  return lines.slice(at);
}

/** Clients that show the forwarded message as a quote (`> `) quote all of it: unquote once. */
function unquote(lines: string[]): string[] {
  const written = lines.filter((line) => line.trim() !== '');
  if (written.length === 0 || !written.every((line) => line.startsWith('>'))) return lines;
  return lines.map((line) => line.replace(/^> ?/, ''));
}

/**
 * Splits at the first forwarded message that is not itself inside quoted history:
 * Gmail's and Thunderbird's separator, Apple Mail's "Begin forwarded message:", or, for a
 * subject marked as a forward, Outlook's header block. Undefined when nothing is forwarded.
 */
export function splitForward(lines: readonly string[], subject = ''): ForwardSplit | undefined {
  const at = forwardMarker(lines, subject);
  if (at < 0) return undefined;
  const body = FORWARD_SEPARATOR.test(lines[at]) || FORWARD_INTRO.test(lines[at]) ? lines.slice(at + 1) : lines.slice(at);
  return { note: lines.slice(0, at), forwarded: skipHeaderBlock(unquote(body)) };
}
