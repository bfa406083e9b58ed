/**
 * Everything the answer decision weighs, read once per message: what is asked (each ask as
 * a whole, and each question sentence of a several-question ask on its own, since a
 * paragraph may ask two things two entries answer), and how every entry scored for each.
 * Nothing here depends on a threshold or a fitted weight, so fitting can read it once.
 */
import { partsOf, readInquiry, type Ask, type Inquiry, type Reading } from './asks';
import type { EntryIndex } from './entry-index';
import { detectLanguage } from './language';
import type { OwnerReadings } from './owner';
import { MAX_QUESTIONS, MAX_TEXT_CHARS } from './limits';
import { scoreAsk, type EntryScore } from './score';
import { READ_ENTRY_LEAD, READ_ENTRY_SCORE } from './weights';

export interface Unit {
  ask: Ask;
  /** Index of the ask (in `reading.asks`) this unit is, or is a sentence of. */
  owner: number;
  /** The whole ask, not one of its sentences. */
  whole: boolean;
  /**
   * A second question the writer marked with a joining word (`markedSecond`) whose best entry is not the whole ask's:
   * it asks another entry, so it stands as a question of its own, not as one sentence of several.
   */
  standsAlone: boolean;
  /** Entries best first. */
  scores: EntryScore[];
}

export interface Evidence {
  language: 'en' | 'other';
  reading: Reading;
  units: Unit[];
  /** Questions past the bound (./limits), not scored. */
  unscored: string[];
  /** How many entries the FAQ has: being the best of few says less than being the best of many. */
  entryCount: number;
  /** Entries the writer says they have read or quotes (asks.ts, `alreadyRead`): never sent back to them (judge.ts). */
  alreadyRead: ReadonlySet<string>;
  /** The readings that need the FAQ owner's name (owner.ts), for what is read again after scoring. */
  faqOwner: OwnerReadings | undefined;
}

/** The entries the writer says they read: each such sentence's best entry, where it clearly leads. */
function entriesRead(reading: Reading, index: EntryIndex): Set<string> {
  const read = new Set<string>();
  for (const ask of reading.alreadyRead) {
    if (ask.terms.length === 0) continue;
    const [best, next] = scoreAsk(ask, index);
    if (best && best.score >= READ_ENTRY_SCORE && (!next || best.score >= next.score * READ_ENTRY_LEAD)) read.add(best.indexed.entry.id);
  }
  return read;
}

/** The inquiry as far as it is read (./limits): the subject is already bounded by the parser. */
function bounded(inquiry: Inquiry): Inquiry {
  return { ...inquiry, newText: inquiry.newText.slice(0, MAX_TEXT_CHARS), forwardedText: inquiry.forwardedText.slice(0, MAX_TEXT_CHARS) };
}

export function readEvidence(index: EntryIndex, whole: Inquiry): Evidence {
  const inquiry = bounded(whole);
  const language = detectLanguage(inquiry.newText.trim() ? inquiry.newText : `${inquiry.subject}\n${inquiry.forwardedText}`);
  const read = readInquiry(inquiry, index.cues, index.vocabulary, index.owner);
  const reading = { ...read, asks: read.asks.slice(0, MAX_QUESTIONS) };
  const unscored = read.asks.slice(MAX_QUESTIONS).map((ask) => ask.text);
  // A loop, not `flatMap`, which took ~10 times as long (Node 20).
  const units: Unit[] = [];
  reading.asks.forEach((ask, owner) => {
    const wholeScores = scoreAsk(ask, index);
    units.push({ ask, owner, whole: true, standsAlone: false, scores: wholeScores });
    const wholeBest = wholeScores[0]?.indexed.entry;
    for (const part of partsOf(ask, index.vocabulary)) {
      const scores = scoreAsk(part, index);
      const best = scores[0]?.indexed.entry;
      const standsAlone = part.markedSecond === true && best !== undefined && best !== wholeBest;
      units.push({ ask: part, owner, whole: false, standsAlone, scores });
    }
  });
  return {
    language,
    reading,
    units,
    unscored,
    entryCount: index.entries.length,
    alreadyRead: entriesRead(reading, index),
    faqOwner: index.owner,
  };
}
