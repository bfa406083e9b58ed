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

/**
 * Slack on the bound below that lets a question skip its commonest terms: the cosine as computed
 * differs from its exact value by rounding, some 1e-15 for vectors of thousands of terms, so a
 * topic the bound rules out cannot reach the threshold by rounding either.
 */
const ROUNDING_SLACK = 1e-9;

/** A topic being gathered: its members' unit vectors summed, and their norm while unchanged. */
interface Topic {
  questions: OpenQuestion[];
  centroid: Vector;
  norm?: number;
}

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

/** Norms passed in: a topic's is kept between the questions it gains, a question's is read once. */
function cosine(a: Vector, normA: number, b: Vector, normB: number): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [key, w] of small) dot += w * (large.get(key) ?? 0);
  const n = normA * normB;
  return n === 0 ? 0 : dot / n;
}

function add(sum: Vector, v: Vector, normV: number): void {
  const n = normV || 1;
  for (const [key, w] of v) sum.set(key, (sum.get(key) ?? 0) + w / n);
}

/**
 * The topics (by index, in the order they were made) that `v` could reach `sameTopic` with.
 * A topic sharing no term with it is 0 similar; one sharing only terms in a set S of its terms
 * is at most |v_S| / |v| similar (Cauchy-Schwarz, the topic's part in S being at most its
 * whole). So the terms most topics hold are skipped while their share of |v| stays below the
 * threshold, and only topics holding one of the others are compared: the same topics win as
 * when every topic was, without comparing each question with each topic.
 */
function candidates(v: Vector, normV: number, holding: ReadonlyMap<string, number[]>, topics: number, sameTopic: number): number[] {
  // At a threshold of 0 or below, a topic sharing nothing qualifies too.
  if (!(sameTopic > 0)) return Array.from({ length: topics }, (_, i) => i);
  const skippable = sameTopic > ROUNDING_SLACK ? ((sameTopic - ROUNDING_SLACK) * normV) ** 2 : 0;
  const keys = [...v.keys()].sort((a, b) => (holding.get(b)?.length ?? 0) - (holding.get(a)?.length ?? 0));
  let skipped = 0;
  const found = new Set<number>();
  for (const key of keys) {
    const w = v.get(key)!;
    if (skipped + w * w < skippable) skipped += w * w;
    else for (const i of holding.get(key) ?? []) found.add(i);
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * Questions with text, longest first: they say most, so they make the better seeds for a
 * topic. A question joins the topic it is most similar to, at least `sameTopic` (the last made of
 * those equally similar), or starts one.
 */
function gatherTopics(questions: readonly OpenQuestion[], vocabulary: Vocabulary, sameTopic: number): Topic[] {
  const withText = questions.map((q) => ({ q, v: vectorOf(q.text!, vocabulary) }));
  withText.sort((a, b) => b.v.size - a.v.size);
  const topics: Topic[] = [];
  /** Term → the topics whose centroid holds it, by index. */
  const holding = new Map<string, number[]>();
  for (const { q, v } of withText) {
    const normV = norm(v);
    let chosen = -1;
    let bestSimilarity = sameTopic;
    for (const i of v.size === 0 ? [] : candidates(v, normV, holding, topics.length, sameTopic)) {
      const topic = topics[i];
      topic.norm ??= norm(topic.centroid);
      const similarity = cosine(v, normV, topic.centroid, topic.norm);
      if (similarity >= bestSimilarity) [chosen, bestSimilarity] = [i, similarity];
    }
    if (chosen < 0) chosen = topics.push({ questions: [], centroid: new Map() }) - 1;
    const topic = topics[chosen];
    topic.questions.push(q);
    for (const key of v.keys()) {
      if (topic.centroid.has(key)) continue;
      const held = holding.get(key);
      if (held) held.push(chosen);
      else holding.set(key, [chosen]);
    }
    add(topic.centroid, v, normV);
    topic.norm = undefined;
  }
  return topics;
}

/** The entry most members point at, weighed by their scores; its score is the mean among them. */
function nearestOf(questions: readonly OpenQuestion[]): EntryScore | undefined {
  const byEntry = new Map<string, number[]>();
  for (const q of questions) {
    if (!q.best) continue;
    const scores = byEntry.get(q.best.entry);
    if (scores) scores.push(q.best.score);
    else byEntry.set(q.best.entry, [q.best.score]);
  }
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
  const groups: Array<{ questions: OpenQuestion[] }> = gatherTopics(
    questions.filter((q) => q.text?.trim()),
    vocabulary,
    sameTopic,
  );
  const byEntry = new Map<string, { questions: OpenQuestion[] }>();
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
