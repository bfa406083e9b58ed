/**
 * Splits mail text into what a reader sees: items (a paragraph, or one entry of a
 * numbered or bulleted list) made of sentences, each marked as asking or telling.
 */

export interface Sentence {
  text: string;
  /** Asks something: ends with "?", is phrased as a question, or asks in words ("I'd like to know ..."). */
  asks: boolean;
  /** Opens a new point ("2) ...", "Also, ..."): not a follow-on of the sentence before. */
  opensPoint: boolean;
}

export interface Item {
  sentences: Sentence[];
  /** A list entry (its marker removed), not a plain paragraph. */
  listed: boolean;
  /** Index of the paragraph it belongs to (list entries of one list share it). */
  paragraph: number;
}

const LIST_MARKER = /^\s*(?:[-*•·▪◦‣–]|\(?\d{1,2}[.):]|\(?[a-zA-Z][.)]|Q\d{1,3}[.:)]?)\s+/;
/** An inline number ("2)", "(b)") or a word that turns to another point. */
const OPENS_POINT = /^\s*(?:\(?\d{1,2}[.)]\s|\(?[a-h]\)\s|(?:and\s+)?also\b|another\b|second(?:ly)?\b|third(?:ly)?\b|finally\b|additionally\b|separately\b|one more\b|lastly\b|besides\b)/i;
const INLINE_NUMBER = /^\s*(?:\(?\d{1,2}[.)]|\(?[a-h]\))\s+/;
const ABBREVIATION = /(?:^|\s)(?:e\.g|i\.e|etc|vs|approx|incl|mr|mrs|ms|dr|inc|ltd|co|no|nr|ca|cf|st)\.$/i;

/** Question words that open a question even when the writer left out the "?". */
const WH_START = /^(?:what|how|where|when|which|who|whom|whose|why)\b/i;
/** Inverted word order ("is there", "can we", "do I") also opens a question. */
const INVERTED_START = /^(?:is|are|am|was|were|can|could|do|does|did|will|would|should|shall|may|might|has|have)\s+(?:i|we|you|it|there|this|that|they|he|she|my|our|your|the|a|an|any|someone|anyone|somebody|anybody|one)\b/i;
/**
 * Ways of asking without a question ("I'd like to know whether ...", "please advise").
 * General English, not the FAQ's vocabulary; the FAQ's own cues live in content.
 */
export const ASKING_PHRASES: readonly RegExp[] = [
  /\b(?:want|wanted|would like|'d like|like|need|needed|trying|hoping) to (?:ask|know|understand|find out|learn|check|confirm|clarify)\b/i,
  /\bwonder(?:ing)?\b/i,
  /\bcurious (?:whether|if|about|how|what|why)\b/i,
  /\b(?:please|kindly|pls|plz) (?:advise|guide|explain|tell|share|clarify|suggest|help|point|confirm|send|let (?:me|us) know|inform)\b/i,
  /\blet (?:me|us) know (?:if|whether|how|what|where|which|when|who|why)\b/i,
  /\b(?:looking for|would appreciate|appreciate any|grateful for) (?:some |any )?(?:guidance|information|info|advice|help|pointers|recommendations?|suggestions?|resources|clarification)\b/i,
  /^(?:any|some) (?:advice|guidance|pointers|recommendations?|suggestions?|ideas?)\b/i,
  /^(?:question|q)\s*:/i,
];

function asks(sentence: string): boolean {
  const trimmed = sentence.replace(/["'”’)\]\s]+$/, '');
  // "Two questions:" introduces the asking; it asks nothing itself.
  if (trimmed.endsWith(':')) return false;
  if (trimmed.endsWith('?')) return true;
  const start = sentence.replace(/^["'“‘(\[\s]+/, '');
  // Without its "?", a question word opens a question only if no full stop closes it:
  // "Why we're writing." is a heading, "how often can we republish" a question.
  const open = !/[.!]$/.test(trimmed) && (WH_START.test(start) || INVERTED_START.test(start));
  return open || ASKING_PHRASES.some((p) => p.test(sentence));
}

/** Splits after ".", "!" or "?" (not after "e.g." or a decimal point), and before a new request clause. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  const boundary = /[.!?]+["'”’)\]]*(?=\s+\S)|\?+(?=[A-Za-z])/g;
  for (const match of text.matchAll(boundary)) {
    const end = match.index + match[0].length;
    const candidate = text.slice(start, end);
    if (match[0].startsWith('.') && ABBREVIATION.test(candidate)) continue;
    out.push(candidate);
    start = end;
  }
  out.push(text.slice(start));
  return out.flatMap(splitClauses).map((s) => s.trim()).filter((s) => /[A-Za-z]/.test(s));
}

/**
 * "Is this the right approach, and can you take it from here?" asks one thing and
 * requests another; the request starts a clause of its own.
 */
function splitClauses(sentence: string): string[] {
  const parts = sentence.split(/[,;]\s+(?:and|but|also|or)\s+(?=(?:can|could|would|will) (?:you|someone|somebody|anyone|one of you)\b|please\b)/i);
  if (parts.length === 1) return parts;
  // Each part of a question is a question.
  const question = /\?\W*$/.test(sentence);
  return parts.map((p) => (question && !/\?\W*$/.test(p) ? `${p.trim()}?` : p));
}

/** The text's items in order; quoted lines (">") are left out. */
export function splitItems(text: string): Item[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').filter((line) => !/^\s*>/.test(line));
  const items: Item[] = [];
  let paragraph = 0;
  let current: { lines: string[]; listed: boolean } | undefined;
  const flush = (): void => {
    if (!current) return;
    const sentences = splitSentences(current.lines.join(' ').replace(/\s+/g, ' ')).map((s) => {
      const text = s.replace(INLINE_NUMBER, '');
      return { text, asks: asks(text), opensPoint: OPENS_POINT.test(s) };
    });
    if (sentences.length > 0) items.push({ sentences, listed: current.listed, paragraph });
    current = undefined;
  };
  let blank = true;
  for (const line of lines) {
    if (!line.replace(/[\s\u00a0]/g, '')) {
      flush();
      if (!blank) paragraph += 1;
      blank = true;
      continue;
    }
    const marker = LIST_MARKER.exec(line);
    if (marker) {
      flush();
      current = { lines: [line.slice(marker[0].length)], listed: true };
    } else if (current) {
      current.lines.push(line.trim());
    } else {
      current = { lines: [line.trim()], listed: false };
    }
    blank = false;
  }
  flush();
  return items;
}

/**
 * Confidentiality notices and disclaimers under a signature: they carry words like
 * "error" and "delete" but ask nothing of us.
 */
const BOILERPLATE = [
  /^(?:disclaimer|confidentiality notice|legal notice|privileged)\b/i,
  /\breceived this (?:e-?mail|message|communication|transmission) (?:in error|by mistake)\b/i,
  /\bintended (?:solely |only |exclusively )?for the (?:use|addressee|named|intended|recipient)/i,
  /\b(?:is|are|may be|may contain) (?:strictly )?(?:confidential|privileged)\b.*\b(?:information|recipient)/i,
  /\baccept\w* (?:no |any )?(?:liability|responsibility)\b/i,
];

export function isBoilerplate(sentence: string): boolean {
  return BOILERPLATE.some((pattern) => pattern.test(sentence));
}
