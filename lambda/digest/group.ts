/**
 * Unanswered questions grouped by topic, read the way the matcher reads them: each question
 * becomes its telling terms (`analyse`: stop words dropped, synonyms joined, typos read as
 * meant, each weighed by how telling it is in the FAQ), and questions whose terms overlap
 * enough (cosine similarity of those weights) share a group.
 */
import { analyse, type Vocabulary } from '../match/vocabulary';
import type { EntryScore } from '../state/decision-record';

/** One open question from a decision record. */
export interface OpenQuestion {
  inboundId: string;
  /** Its position among the record's questions (with the inbound id, it names the question). */
  position: number;
  /** Absent when question text is not recorded. */
  text?: string;
  best?: EntryScore;
}

export interface QuestionGroup {
  questions: OpenQuestion[];
  /** The entry the members' best entries point at most (by summed score), and its mean score among them. */
  nearest?: EntryScore;
}

/**
 * How similar (cosine of term weights) a question must be to a group to join it. Chosen by
 * reading the groups it gives on the open questions of the replayed eval sets
 * (docs/operate-digest.md): 62 questions fall into 34 groups at 0.2, 49 at 0.35, 59 at 0.6;
 * at 0.35 the groups of two or more share a topic (SCIM deprovisioning, OIDC in the OIN,
 * who to contact), below it questions that share only a common word start to merge.
 */
export const SAME_TOPIC = 0.35;

type Vector = Map<string, number>;

function vectorOf(text: string, vocabulary: Vocabulary): Vector {
  const vector: Vector = new Map();
  for (const term of analyse(text, vocabulary)) vector.set(term.key, Math.max(vector.get(term.key) ?? 0, term.weight));
  return vector;
}

function norm(v: Vector): number {
  let sum = 0;
  for (const w of v.values()) sum += w * w;
  return Math.sqrt(sum);
}

function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [key, w] of small) dot += w * (large.get(key) ?? 0);
  const n = norm(a) * norm(b);
  return n === 0 ? 0 : dot / n;
}

function add(sum: Vector, v: Vector): void {
  const n = norm(v) || 1;
  for (const [key, w] of v) sum.set(key, (sum.get(key) ?? 0) + w / n);
}

/** The entry most members point at, weighed by their scores; its score is the mean among them. */
function nearestOf(questions: readonly OpenQuestion[]): EntryScore | undefined {
  const byEntry = new Map<string, number[]>();
  for (const q of questions) if (q.best) byEntry.set(q.best.entry, [...(byEntry.get(q.best.entry) ?? []), q.best.score]);
  let nearest: EntryScore | undefined;
  let weight = -1;
  for (const [entry, scores] of [...byEntry].sort(([a], [b]) => a.localeCompare(b))) {
    const sum = scores.reduce((s, x) => s + x, 0);
    if (sum > weight) [nearest, weight] = [{ entry, score: Math.round((sum / scores.length) * 1000) / 1000 }, sum];
  }
  return nearest;
}

/**
 * Questions without recorded text can only be told apart by the entry they came nearest
 * to; those with text are grouped by their terms. Every question lands in exactly one
 * group. Largest group first; ties by nearest score, then by the first question's order.
 */
export function groupQuestions(questions: readonly OpenQuestion[], vocabulary: Vocabulary, sameTopic = SAME_TOPIC): QuestionGroup[] {
  const groups: Array<{ questions: OpenQuestion[]; centroid?: Vector }> = [];
  const byEntry = new Map<string, { questions: OpenQuestion[] }>();
  // Longest questions first: they say most, so they make the better seeds for a topic.
  const withText = questions.filter((q) => q.text?.trim()).map((q) => ({ q, v: vectorOf(q.text!, vocabulary) }));
  withText.sort((a, b) => b.v.size - a.v.size);
  for (const { q, v } of withText) {
    let chosen: (typeof groups)[number] | undefined;
    let bestSimilarity = sameTopic;
    for (const group of groups) {
      if (!group.centroid) continue;
      const similarity = cosine(v, group.centroid);
      if (similarity >= bestSimilarity) [chosen, bestSimilarity] = [group, similarity];
    }
    if (v.size === 0 || !chosen) {
      chosen = { questions: [], centroid: new Map() };
      groups.push(chosen);
    }
    chosen.questions.push(q);
    add(chosen.centroid!, v);
  }
  for (const q of questions) {
    if (q.text?.trim()) continue;
    const key = q.best?.entry ?? '';
    let group = byEntry.get(key);
    if (!group) {
      group = { questions: [] };
      byEntry.set(key, group);
      groups.push(group);
    }
    group.questions.push(q);
  }
  const order = new Map(questions.map((q, i) => [q, i]));
  return groups
    .map((g) => {
      const members = [...g.questions].sort((a, b) => order.get(a)! - order.get(b)!);
      const nearest = nearestOf(members);
      return { questions: members, ...(nearest ? { nearest } : {}) };
    })
    .sort(
      (a, b) =>
        b.questions.length - a.questions.length ||
        (b.nearest?.score ?? 0) - (a.nearest?.score ?? 0) ||
        order.get(a.questions[0])! - order.get(b.questions[0])!,
    );
}
