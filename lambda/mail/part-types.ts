import { Splitter } from '@zone-eu/mailsplit';
import type { MimeNode, SplitterChunk, SplitterOptions } from '@zone-eu/mailsplit';

/**
 * Limits shared by the MIME splitter here and mailparser (which hands its options to the
 * same splitter), so both see the same tree. mailsplit's default of 1,000 parts rejects
 * real newsletters with many inline images; past 10,000 a message is an attack.
 */
export const SPLITTER_OPTIONS: SplitterOptions = { maxChildNodes: 10_000 };

/**
 * Every MIME type in the message's own tree, lowercased, each once, in document order.
 *
 * mailparser reports attachments and text, not the containers and report parts around
 * them (`multipart/report`, `message/delivery-status`, `message/feedback-report`), which
 * screening needs; so the tree is walked here. An embedded `message/rfc822` is listed, not
 * what it holds: its parts belong to that message, not to this one (a forwarded bounce is not
 * a bounce), whether attached or shown inline, into which the splitter descends (mutt's
 * `mime_forward` forwards so).
 */
export async function partTypes(raw: Buffer): Promise<string[]> {
  const types = new Set<string>();
  const splitter = new Splitter(SPLITTER_OPTIONS);
  splitter.end(raw);
  try {
    // The typings declare only the 'data' event; the splitter is a Readable like any other.
    for await (const chunk of splitter as unknown as AsyncIterable<SplitterChunk>) {
      // RFC 2045 5.2: a part without a Content-Type is plain text.
      if (chunk.type === 'node' && !inEmbeddedMessage(chunk)) types.add((chunk.contentType || 'text/plain').toLowerCase());
    }
  } catch {
    // A tree the splitter gives up on keeps the types found so far.
  }
  return [...types];
}

/** The part stands inside a `message/rfc822` part the splitter descended into. */
function inEmbeddedMessage(node: MimeNode): boolean {
  for (let parent = node.parentNode; parent; parent = parent.parentNode) if (parent.messageNode) return true;
  return false;
}
