/**
 * The responder's bundle as ASCII text (lib/ascii-source.ts): regular expression literals keep
 * what they match with their non-ASCII characters written as escapes, and anything else that is
 * not ASCII fails the build rather than leave the bundle two-byte text.
 */
import { asciiRegExpLiteral, asciiSource } from '../lib/ascii-source';

/** A literal's pattern, as `eval` of its source text would make it. */
function regExpOf(literal: string): RegExp {
  const end = literal.lastIndexOf('/');
  return new RegExp(literal.slice(1, end), literal.slice(end + 1));
}

const CASES: [literal: string, texts: string[]][] = [
  ['/^(在[\\s\\S]+写道：)$/m', ['在 2024年 写道：', '在写道：', 'On x wrote:']],
  ["/\\’s$|\\'s$/", ['John’s', "John's", 'Johns']],
  ["/[\\’\\']$/", ['a’', "a'", 'a']],
  ['/\\\\’/', ['\\’', '’']],
  ['/^(W\\sdniu|Dnia)\\s[\\s\\S]+?(pisze|napisał(\\(a\\))?):$/mu', ['W dniu pon, Jan napisał(a):', 'Dnia 1 pisze:', 'W dniu x napisal:']],
  ['/[😀-😂]x/u', ['😁x', '😃x', '\uD83Dx']],
  ['/😀+/', ['😀😀', '\uD83D\uDE00\uDE00', '😁']],
  ['/[é-ü]/i', ['É', 'ö', 'e']],
];

describe('ASCII source', () => {
  it.each(CASES)('writes %s in ASCII, matching the same texts', (literal, texts) => {
    const ascii = asciiRegExpLiteral(literal);
    expect(ascii).toMatch(/^[\x20-\x7e]*$/);
    const [before, after] = [regExpOf(literal), regExpOf(ascii)];
    expect(after.flags).toBe(before.flags);
    for (const text of texts) expect([text, after.exec(text)?.slice()]).toEqual([text, before.exec(text)?.slice()]);
  });

  it('rewrites only regular expression literals, as a bundle built with --charset=ascii needs', () => {
    const code = 'var a="caf\\xE9",b=/café/.test(a)/2,c=x=>/[’]/.test(x);';
    expect(asciiSource(code)).toBe('var a="caf\\xE9",b=/caf\\u00e9/.test(a)/2,c=x=>/[\\u2019]/.test(x);');
  });

  it('refuses a bundle with a non-ASCII character anywhere else, naming it', () => {
    expect(() => asciiSource('var p=String.raw`[:：]`;')).toThrow(/U\+ff1a outside a regular expression literal, at offset 19/);
  });
});
