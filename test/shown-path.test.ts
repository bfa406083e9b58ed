import path from 'node:path';
import { shownPath } from '../lambda/shown-path';

// What the CLI's messages name (export-labels' "score them: npm run eval -- DIR", a file it cannot read): npm runs
// every script in the project's root, so a path inside it reads from there, and one elsewhere as given.
describe('shownPath', () => {
  const root = process.cwd();

  it('names a path inside the working folder from there', () => {
    expect(shownPath(path.join(root, 'test', 'fixtures'))).toBe(path.join('test', 'fixtures'));
    expect(shownPath(root)).toBe('.');
  });

  it('names a folder whose name starts with two dots inside the working folder from there too', () => {
    expect(shownPath(path.join(root, '..faqmail-labels-x'))).toBe('..faqmail-labels-x');
  });

  it('names a path outside the working folder as given, not climbing out of it', () => {
    const elsewhere = path.join(path.parse(root).root, 'tmp', 'faqmail-labels-x');
    expect(shownPath(elsewhere)).toBe(elsewhere);
    expect(shownPath(path.dirname(root))).toBe(path.dirname(root));
  });
});
