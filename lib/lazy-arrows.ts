/**
 * A bundle's arrow functions rewritten as function expressions, so that V8 skims the ones a cold
 * start does not run instead of parsing them in full.
 *
 * V8 compiles a script's outermost function at once and each inner function when it is first
 * called. An inner `function` it meets on the way is only pre-parsed (scanned for its variables);
 * an inner arrow function is parsed in full, AST and all (V8's parser-base.h: "TODO(marja):
 * consider lazy-parsing inner arrow functions too"), and parsed again if it is ever called. Node
 * compiles the responder's bundle, a CommonJS module, as one function, so at every `require` V8
 * parsed each of its ~1,250 arrows in full (`node --log-function-events` lists them as "parse",
 * the bundle's `function`s as "preparse"). Written as function expressions, 40 paired cold starts
 * of the bench: `require` 11.6 ms shorter and 9.7 ms less of the main thread's CPU to the first
 * decision (paired medians; docs/cold-start-log.md, "The responder's arrow functions written as function
 * expressions").
 *
 * An arrow is rewritten only where the function behaves the same: it uses no `this`, `arguments`,
 * `super` or `new.target` of its own (nor through arrows inside it), it does not start a statement,
 * and what follows it ends the expression, so the rewritten text parses as the same expression. A
 * function expression differs from an arrow only in what code could observe by constructing it,
 * reading its `prototype` or its source text; the bundle's end-to-end tests run it. Arrows written
 * in parentheses are kept: newer V8 than Node 20's compiles those at once with the script (its
 * parser reads them as a hint, as it reads a parenthesized `function` everywhere), and written as
 * `(function` they would be compiled at once on every version, run or not.
 */
import { parse, type Options } from 'acorn';
import { BUNDLE_SOURCE } from './bundle-source';

interface AstNode {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

interface Arrow extends AstNode {
  async: boolean;
  body: AstNode;
}

/** What the rewrite did: the new source, and how many arrows it rewrote and kept. */
export interface LazyArrows {
  code: string;
  converted: number;
  kept: number;
}

/** `preserveParens` shows which arrows were written in parentheses. */
const PARSE_OPTIONS: Options = { ...BUNDLE_SOURCE, preserveParens: true };

/** What may follow an expression that ends where an arrow ends (nothing, or a token closing it). */
const EXPRESSION_ENDS = new Set([',', ')', ']', '}', ';', ':']);

const isNode = (value: unknown): value is AstNode =>
  typeof value === 'object' && value !== null && typeof (value as AstNode).type === 'string';

function children(node: AstNode): AstNode[] {
  return Object.values(node)
    .flatMap((value): unknown[] => (Array.isArray(value) ? (value as unknown[]) : [value]))
    .filter(isNode);
}

/** Whether the arrow sees a `this`, `arguments`, `super` or `new.target` that a function would bind itself. */
function usesOwnBindings(arrow: Arrow): boolean {
  const pending: AstNode[] = [arrow.body, ...(arrow.params as AstNode[])];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration') continue;
    if (node.type === 'ThisExpression' || node.type === 'Super' || node.type === 'MetaProperty') return true;
    if (node.type === 'Identifier' && node.name === 'arguments') return true;
    pending.push(...children(node));
  }
  return false;
}

interface Edit {
  at: number;
  /** Where the replaced text ends (`at` for an insertion). */
  end: number;
  text: string;
  /** At one position: an outer function's opening text before an inner one's, an inner one's closing text before the outer's. */
  rank: number;
}

/** The edits that turn `arrow` into a function expression, or none where it must stay an arrow. */
function rewrite(source: string, arrow: Arrow, parents: Map<AstNode, AstNode>, depth: number): Edit[] {
  if (parents.get(arrow)?.type === 'ParenthesizedExpression' || usesOwnBindings(arrow)) return [];
  // `function` at the start of a statement would begin a declaration.
  for (let outer = parents.get(arrow); outer?.start === arrow.start; outer = parents.get(outer)) {
    if (outer.type === 'ExpressionStatement') return [];
  }
  const next = /\S/.exec(source.slice(arrow.end))?.[0];
  if (next !== undefined && !EXPRESSION_ENDS.has(next)) return [];
  const arrowToken = source.lastIndexOf('=>', arrow.body.start);
  if (source.slice(arrowToken + 2, arrow.body.start).trim() !== '') return [];
  const head = arrow.async ? arrow.start + 'async'.length : arrow.start;
  const paramsAt = head + (/\S/.exec(source.slice(head))?.index ?? 0);
  const bareParam = source[paramsAt] !== '(';
  const space = /[\p{ID_Continue}$]/u.test(source[paramsAt - 1] ?? '') ? ' ' : '';
  const edits: Edit[] = [
    { at: paramsAt, end: paramsAt, text: `${space}function${bareParam ? '(' : ''}`, rank: depth },
    { at: arrowToken, end: arrowToken + 2, text: bareParam ? ')' : '', rank: depth },
  ];
  if (arrow.body.type !== 'BlockStatement') {
    edits.push({ at: arrow.body.start, end: arrow.body.start, text: '{return(', rank: depth + 0.5 });
    edits.push({ at: arrow.end, end: arrow.end, text: ')}', rank: -depth });
  }
  return edits;
}

/** `source` with each arrow function that can be written as a function expression so written; throws if it does not parse. */
export function arrowsAsFunctions(source: string): LazyArrows {
  const root = parse(source, PARSE_OPTIONS) as unknown as AstNode;
  const parents = new Map<AstNode, AstNode>();
  const edits: Edit[] = [];
  let converted = 0;
  let kept = 0;
  const visit = (node: AstNode, depth: number): void => {
    for (const child of children(node)) {
      parents.set(child, node);
      visit(child, depth + 1);
    }
    if (node.type !== 'ArrowFunctionExpression') return;
    const own = rewrite(source, node as Arrow, parents, depth);
    if (own.length > 0) converted += 1;
    else kept += 1;
    edits.push(...own);
  };
  visit(root, 0);

  edits.sort((a, b) => a.at - b.at || a.rank - b.rank);
  let code = '';
  let from = 0;
  for (const edit of edits) {
    code += source.slice(from, edit.at) + edit.text;
    from = edit.end;
  }
  code += source.slice(from);
  parse(code, PARSE_OPTIONS);
  return { code, converted, kept };
}
