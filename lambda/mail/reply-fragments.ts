import EmailReplyParser from 'email-reply-parser';

export type FragmentKind = 'text' | 'quoted' | 'signature';

/** A run of lines that email-reply-parser classified alike, in message order. */
export interface Fragment {
  kind: FragmentKind;
  text: string;
}

/**
 * email-reply-parser tests every line against some sixty regexes, a few of them cubic in
 * the line length (`^(.+\son.*at.*wrote:)$` takes a minute on an 18 KB line of "at on").
 * No attribution or signature line is this long, so longer lines reach it as a placeholder.
 */
const LINE_LIMIT = 300;

/**
 * Its first pass runs its attribution regexes over the whole text, and some of those
 * (`[\s\S]+\sskrev\s[\s\S]+:`) are cubic in the text length. So it reads the text in
 * windows: cut before an empty line once this size is reached, and cut anyway at twice it.
 * Cut points never fall inside an attribution, which ends where an empty line starts.
 */
const WINDOW_SIZE = 1_000;

/**
 * A long line's stand-in: its number between two C0 controls, which `normalizeText` strips from
 * the text, so none is the writer's. Both are below U+0100, so the text stays one-byte for V8: a
 * single character past U+00FF would make it compile each of the library's sixty patterns a second
 * time, for two-byte text.
 */
// eslint-disable-next-line no-control-regex -- the stand-in is made of C0 controls
const PLACEHOLDER = /\u0001(\d+)\u0002/g;

function windows(lines: readonly string[]): string[] {
  const result: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of lines) {
    if (current.length > 0 && ((line === '' && size >= WINDOW_SIZE) || size >= 2 * WINDOW_SIZE)) {
      result.push(current.join('\n'));
      current = [];
      size = 0;
    }
    current.push(line);
    size += line.length + 1;
  }
  if (current.length > 0) result.push(current.join('\n'));
  return result;
}

function kindOf(fragment: { isQuoted(): boolean; isSignature(): boolean }): FragmentKind {
  if (fragment.isQuoted()) return 'quoted';
  return fragment.isSignature() ? 'signature' : 'text';
}

/** Adds text to the fragments, as part of the last one when it is of the same kind: a fragment is a run of one kind. */
export function appendFragment(fragments: Fragment[], kind: FragmentKind, text: string): void {
  const last = fragments[fragments.length - 1];
  if (last?.kind === kind) last.text = `${last.text}\n${text}`;
  else fragments.push({ kind, text });
}

/**
 * Splits text (LF line ends, see `normalizeText`) into quoted, signature and other
 * fragments with email-reply-parser, in bounded time whatever the input.
 */
export function replyFragments(text: string): Fragment[] {
  const long: string[] = [];
  const lines = text.split('\n').map((line) => {
    if (line.length <= LINE_LIMIT) return line;
    // The quote marks stay, so that a long quoted line still counts as quoted.
    const marks = /^[>\s]{0,40}/.exec(line)?.[0] ?? '';
    long.push(line.slice(marks.length));
    return `${marks}\u0001${long.length - 1}\u0002`;
  });
  const fragments: Fragment[] = [];
  for (const window of windows(lines)) {
    for (const found of new EmailReplyParser().read(window).getFragments()) {
      const kind = kindOf(found);
      const content = found.getContent().replace(PLACEHOLDER, (_, index: string) => long[Number(index)]);
      appendFragment(fragments, kind, content);
    }
  }
  return fragments;
}

export function joinFragments(fragments: readonly Fragment[], kinds: readonly FragmentKind[]): string {
  return fragments
    .filter((fragment) => kinds.includes(fragment.kind))
    .map((fragment) => fragment.text)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
