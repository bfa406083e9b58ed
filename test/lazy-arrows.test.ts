import vm from 'node:vm';
import { arrowsAsFunctions } from '../lib/lazy-arrows';

/** Runs `source` (a script whose last statement's value is a JSON-able result) in a fresh context. */
async function evaluate(source: string): Promise<unknown> {
  return JSON.parse(JSON.stringify(await (vm.runInNewContext(source) as Promise<unknown>)));
}

describe('arrowsAsFunctions', () => {
  it('writes arrows as function expressions that compute the same, in every form esbuild emits', async () => {
    const source = [
      'var add = (a, b) => a + b, pair = x => ({ x }), spread = (...xs) => xs.length;',
      'var pick = ([a], { b } = { b: 2 }) => a + b, curried = a => b => a * b;',
      'var later = async (x) => x * 2, bare = async x => x + 1;',
      'function f() { return() => 7 }',
      'var M = (t, e) => () => (e || t((e = { exports: {} }).exports, e), e.exports);',
      'var mod = M((exports, module) => { module.exports = { n: [1, 2, 3].map(n => n * 10) } });',
      'var tagged = `${[1].map(x => x + 1)}`;',
      'Promise.all([later(2), bare(1)]).then(([l, b]) => [add(1, 2), pair(3), spread(1, 2), pick([1]), curried(2)(5), f()(), mod().n, tagged, l, b]);',
    ].join('\n');
    const { code, converted, kept } = arrowsAsFunctions(source);
    expect(code).not.toContain('=>');
    expect({ converted, kept }).toEqual({ converted: 15, kept: 0 });
    expect(await evaluate(code)).toEqual(await evaluate(source));
    expect(await evaluate(code)).toEqual([3, { x: 3 }, 2, 3, 10, 7, [10, 20, 30], '2', 4, 2]);
  });

  it("keeps arrows that use their surroundings' this, arguments, super or new.target, also through an inner arrow", async () => {
    const source = [
      'function Counter() { this.n = 1; this.get = () => this.n; this.later = () => () => this.n + 1; }',
      'function first() { return () => arguments[0]; }',
      'class Base { who() { return "base"; } }',
      'class Child extends Base { who() { return (() => super.who())(); } }',
      'function Made() { this.how = () => (new.target ? "new" : "call"); }',
      'var c = new Counter(); [c.get(), c.later()(), first(5)(), new Child().who(), new Made().how()];',
    ].join('\n');
    const { code, converted, kept } = arrowsAsFunctions(source);
    expect({ converted, kept }).toEqual({ converted: 0, kept: 6 });
    expect(code).toBe(source);
    expect(await evaluate(code)).toEqual([1, 2, 5, 'base', 'new']);
  });

  it('keeps arrows in parentheses, at the start of a statement, and where what follows would continue a function', async () => {
    // A block-bodied arrow ends its statement before a `(` or `+` on the next line; a function expression would not.
    const source = [
      'var once = (() => 1)();',
      'x => x;',
      'var a = () => { return 2 }',
      '(0);',
      'var b = () => { return 3 }',
      '+1;',
      '[once, a(), b()];',
    ].join('\n');
    const { code, converted } = arrowsAsFunctions(source);
    expect(converted).toBe(0);
    expect(code).toBe(source);
    expect(await evaluate(code)).toEqual([1, 2, 3]);
  });

  it('fails on a source it cannot parse, rather than write a broken bundle', () => {
    expect(() => arrowsAsFunctions('var f = (a => ;')).toThrow(SyntaxError);
  });
});
