/**
 * The HTML entity table of htmlparser2's copy of `entities`, as patched
 * (patches/htmlparser2+10.1.0.patch, patches/htmlparser2++entities+7.0.1.patch): decoded from
 * its base64 text at its first use, not when the module loads, so a cold start on mail without
 * HTML never decodes it. Only the ES module builds are patched: they are what the function
 * bundles take (html-to-text's `import`), while the tests' CommonJS builds are left as they were,
 * so the two must read HTML the same.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/** Named, numeric and legacy (no semicolon) references, in text and in an attribute. */
const HTML = '<p title="a&amp;b &eacute;">caf&eacute; &amp; &nbsp;x &notin; &#x41;&#66; &copy 2024 &NotAReference; &lt;tag&gt;</p>';

/**
 * What a parser with entity decoding on reports for HTML: its text and attributes, in order.
 * Source text, run in child processes that load one build or the other: a function's own text
 * (`toString`) would carry whatever a coverage run instruments it with.
 */
const READ = `(ParserClass, html) => {
  const seen = [];
  const parser = new ParserClass(
    { ontext: (text) => seen.push('text:' + text), onattribute: (name, value) => seen.push(name + '=' + value) },
    { decodeEntities: true },
  );
  parser.end(html);
  return seen;
}`;

/** Runs `lines` as a script of the given kind in the project, and returns what it printed as JSON. */
function runScript(inputType: 'module' | 'commonjs', lines: string[]): unknown {
  const run = spawnSync(process.execPath, [`--input-type=${inputType}`, '-e', lines.join('\n')], { cwd: ROOT, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout);
}

describe('HTML entities in htmlparser2', () => {
  it('the ES module build reads HTML as the CommonJS build does, its table decoded at first use (the patch is applied)', () => {
    const entities = path.join(ROOT, 'node_modules/htmlparser2/node_modules/entities/dist/esm/decode.js');
    const read = `const seen = (${READ})(Parser, ${JSON.stringify(HTML)});`;
    const esm = runScript('module', [
      "import { Parser } from 'htmlparser2';",
      `import * as decode from ${JSON.stringify(entities)};`,
      read,
      "process.stdout.write(JSON.stringify({ seen, eager: 'htmlDecodeTree' in decode, decodes: decode.decodeHTML('&eacute;&amp') }));",
    ]);
    const commonJs = runScript('commonjs', [
      "const { Parser } = require('htmlparser2');",
      read,
      'process.stdout.write(JSON.stringify(seen));',
    ]);
    expect((commonJs as string[]).join('|')).toContain('title=a&b é|text:caf|text:é');
    // If `eager` is true, `npm install` did not run its postinstall step, which applies patches/.
    expect(esm).toEqual({ seen: commonJs, eager: false, decodes: 'é&' });
  });
});
