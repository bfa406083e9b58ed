/**
 * The digest's grouping of unanswered questions gives, on a few thousand questions, exactly the
 * groups of its definition: each question, longest first, compared with every topic so far
 * (`reference` below, quadratic, kept here only as the oracle). Operators read these groups, so
 * who is grouped with whom must not change with how the topics are searched.
 */
import seedrandom from 'seedrandom';
import { groupQuestions, SAME_TOPIC, type OpenQuestion } from '../lambda/digest/group';
import { buildIndex } from '../lambda/match';
import { commonWords } from '../lambda/match/commonness';
import { analyse, type Vocabulary } from '../lambda/match/vocabulary';
import { loadSampleFaq } from './support/sample-faq';

const vocabulary = buildIndex(loadSampleFaq()).vocabulary;

/** The grouping as defined: every question against every topic made before it. */
function reference(questions: readonly OpenQuestion[], vocab: Vocabulary, sameTopic: number): OpenQuestion[][] {
  type Vector = Map<string, number>;
  const norm = (v: Vector) => {
    let sum = 0;
    for (const w of v.values()) sum += w * w;
    return Math.sqrt(sum);
  };
  const cosine = (a: Vector, b: Vector) => {
    const [small, large] = a.size <= b.size ? [a, b] : [b, a];
    let dot = 0;
    for (const [key, w] of small) dot += w * (large.get(key) ?? 0);
    const n = norm(a) * norm(b);
    return n === 0 ? 0 : dot / n;
  };
  const vectorOf = (text: string) => {
    const v: Vector = new Map();
    for (const t of analyse(text, vocab)) v.set(t.key, Math.max(v.get(t.key) ?? 0, t.weight));
    return v;
  };
  const groups: Array<{ questions: OpenQuestion[]; centroid: Vector }> = [];
  const withText = questions.filter((q) => q.text?.trim()).map((q) => ({ q, v: vectorOf(q.text!) }));
  withText.sort((a, b) => b.v.size - a.v.size);
  for (const { q, v } of withText) {
    let chosen: (typeof groups)[number] | undefined;
    let best = sameTopic;
    for (const group of groups) {
      const similarity = cosine(v, group.centroid);
      if (similarity >= best) [chosen, best] = [group, similarity];
    }
    if (v.size === 0 || !chosen) groups.push((chosen = { questions: [], centroid: new Map() }));
    chosen.questions.push(q);
    const n = norm(v) || 1;
    for (const [key, w] of v) chosen.centroid.set(key, (chosen.centroid.get(key) ?? 0) + w / n);
  }
  const withoutText = new Map<string, OpenQuestion[]>();
  for (const q of questions.filter((q) => !q.text?.trim())) {
    const key = q.best?.entry ?? '';
    if (!withoutText.has(key)) groups.push({ questions: withoutText.set(key, []).get(key)!, centroid: new Map() });
    withoutText.get(key)!.push(q);
  }
  return partition(
    questions,
    groups.map((g) => g.questions),
  );
}

/**
 * Groups as a partition, each group's members and the groups in the order of `questions`: how
 * groups are ordered and which entry each is nearest did not change with the search, and
 * test/digest.test.ts holds them; this compares who is grouped with whom.
 */
function partition(questions: readonly OpenQuestion[], groups: ReadonlyArray<readonly OpenQuestion[]>): OpenQuestion[][] {
  const order = new Map(questions.map((q, i) => [q, i]));
  return groups
    .map((members) => [...members].sort((a, b) => order.get(a)! - order.get(b)!))
    .sort((a, b) => order.get(a[0])! - order.get(b[0])!);
}

/**
 * A few thousand questions: unrelated ones of everyday words, clusters around shared words,
 * questions around a word many topics hold (whether such a word may be skipped is the fine
 * line of the search: just enough of them join its topics to decide), duplicates, exact ties between two topics
 * (made-up words all weigh the same), questions of stop words only, and questions without text.
 */
function syntheticQuestions(): { questions: OpenQuestion[]; ties: Array<{ question: OpenQuestion; seeds: OpenQuestion[] }> } {
  const random = seedrandom('digest-grouping');
  const words = commonWords().filter((w) => /^[a-z]{3,}$/.test(w));
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const many = (n: number, from: () => string) => Array.from({ length: n }, from);
  const entries = ['signup', 'cost', 'scim', 'oidc', 'contact'];
  const best = () => (random() < 0.7 ? { best: { entry: pick(entries), score: pick([0.1, 0.2, 0.25, 0.4]) } } : {});
  let made = 0;
  // Digits and a final consonant: no stemmer ending, so no two of them read as one term.
  const madeUp = () => `zq${made++}k`;
  const texts: string[] = [];
  // Unrelated: 3 to 14 words from anywhere in the list (its commonest words too).
  for (let i = 0; i < 1800; i += 1) texts.push(many(3 + Math.floor(random() * 12), () => pick(words)).join(' '));
  // Clusters: some of a topic's words, and words of their own.
  for (let c = 0; c < 40; c += 1) {
    const topic = many(5, () => pick(words));
    for (let i = 0; i < 5 + Math.floor(random() * 25); i += 1)
      texts.push([...topic.filter(() => random() < 0.6), ...many(1 + Math.floor(random() * 5), () => pick(words))].join(' '));
  }
  // Hubs: a word in a tenth of the questions, so held by many topics and the first a question would skip.
  const hubs = many(10, madeUp);
  for (let i = 0; i < 600; i += 1) texts.push([pick(hubs), ...many(2 + Math.floor(random() * 4), () => pick(words))].join(' '));
  // Duplicates of questions already made.
  for (let i = 0; i < 150; i += 1) texts.push(pick(texts));
  texts.push('what is it?', 'can you help?', 'is it?');
  const questions: OpenQuestion[] = texts.map((text, i) => ({ inboundId: `in-${i}`, position: i % 3, text: `${text}?`, ...best() }));
  // Ties: "a b c" and "d e f" make two topics, and "a d" is as similar to each (0.41).
  const ties: Array<{ question: OpenQuestion; seeds: OpenQuestion[] }> = [];
  for (let i = 0; i < 30; i += 1) {
    const [first, second] = [many(3, madeUp), many(3, madeUp)];
    const seeds = [first, second].map((w, k) => ({ inboundId: `tie-${i}`, position: k, text: w.join(' '), ...best() }));
    const question = { inboundId: `tie-${i}`, position: 2, text: `${first[0]} ${second[0]}` };
    questions.push(...seeds, question);
    ties.push({ question, seeds });
  }
  for (let i = 0; i < 200; i += 1) questions.push({ inboundId: `none-${i}`, position: 0, ...best() });
  // Shuffled, so no kind comes in one run.
  for (let i = questions.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [questions[i], questions[j]] = [questions[j], questions[i]];
  }
  return { questions, ties };
}

describe('grouping a few thousand unanswered questions', () => {
  const { questions, ties } = syntheticQuestions();
  const atSameTopic = reference(questions, vocabulary, SAME_TOPIC);

  it('covers what it means to: many topics of one, large clusters, exact ties, questions without text', () => {
    expect(questions.length).toBeGreaterThan(2500);
    expect(atSameTopic.filter((g) => g.length === 1).length).toBeGreaterThan(1500);
    expect(Math.max(...atSameTopic.map((g) => g.length))).toBeGreaterThan(20);
    expect(atSameTopic.some((g) => g.every((q) => q.text === undefined))).toBe(true);
    // Of two topics as similar, the one made later (its seed read later: both are as long) wins.
    for (const { question, seeds } of ties) {
      const later = seeds.reduce((a, b) => (questions.indexOf(a) > questions.indexOf(b) ? a : b));
      expect(atSameTopic.find((g) => g.includes(question))).toEqual(expect.arrayContaining([question, later]));
    }
  });

  const grouped = (sameTopic?: number) =>
    partition(
      questions,
      groupQuestions(questions, vocabulary, sameTopic).map((g) => g.questions),
    );

  it('gives the groups of the definition: the same members in each', () => {
    expect(grouped()).toEqual(atSameTopic);
  });

  // 0.6 lets a question skip more of its common terms; at 0 every topic is compared.
  it.each([0.6, 0])('gives the groups of the definition at a threshold of %s too', (sameTopic) => {
    expect(grouped(sameTopic)).toEqual(reference(questions, vocabulary, sameTopic));
  });
});
