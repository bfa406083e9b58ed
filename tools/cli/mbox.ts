/**
 * An mbox: one file of many messages, as mail clients export a folder. Each message starts with a
 * "From " line naming its envelope sender and the date it arrived ("From - Tue Oct 14 09:12:44
 * 2025", "From jane@example.com Tue Oct 14 09:12:44 +0000 2025"), and a line of a message that
 * starts "From " is written ">From " (mboxo, mboxrd; mboxrd also quotes ">From " as ">>From ").
 * A message's header never starts so ("From:" is its field), so such a first line marks an mbox;
 * the date after the sender tells a separator from a line of text that begins with "From ".
 */
const ENVELOPE_LINE =
  /^From \S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? +(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} +\d{1,2}:\d{2}/;

/**
 * The messages of an mbox, each without its envelope line, its quoted "From " lines unquoted and
 * without the empty line that ends it in the mbox; undefined when `raw` is no mbox.
 */
export function mboxMessages(raw: Buffer): Buffer[] | undefined {
  // Latin-1 maps each byte to one character and back, whatever the messages' charsets.
  const text = raw.toString('latin1');
  if (!ENVELOPE_LINE.test(text)) return undefined;
  const messages: string[][] = [];
  for (const line of text.split(/(?<=\n)/)) {
    if (ENVELOPE_LINE.test(line)) messages.push([]);
    else messages[messages.length - 1].push(line.replace(/^>(>*From )/, '$1'));
  }
  return messages.map((lines) => {
    if (lines.length > 0 && /^\r?\n$/.test(lines[lines.length - 1])) lines.pop();
    return Buffer.from(lines.join(''), 'latin1');
  });
}
