/**
 * The MIME type tables of libmime and nodemailer, as patched (patches/libmime+5.6.4.patch,
 * patches/nodemailer+10.6.1.patch): built at their first lookup, not when the libraries load.
 * A message whose parts say their type and name never needs them; a part that does not still
 * gets the same type or extension as before.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import libmime from 'libmime';
import { detectExtension, detectMimeType } from 'nodemailer/lib/mime-funcs';

describe('MIME type tables', () => {
  it('parses mail without loading libmime’s tables (the libmime patch is applied)', () => {
    const script = [
      "const { parseMessage } = require('./lambda/mail/parse');",
      "const raw = Buffer.from('From: a@example.net\\r\\nTo: developers@example.com\\r\\nSubject: SCIM\\r\\n" +
        "Content-Type: text/plain; charset=utf-8\\r\\n\\r\\nIs there a FAQ for SCIM?\\r\\n');",
      "const loaded = () => Object.keys(require.cache).some((file) => file.endsWith('/libmime/dist/cjs/mimetypes.js'));",
      'parseMessage(raw).then((m) => { process.stdout.write(JSON.stringify({ text: m.text.trim(), tables: loaded() })); });',
    ].join('\n');
    const root = path.resolve(__dirname, '..');
    const run = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    // If this fails, `npm install` did not run its postinstall step, which applies patches/.
    expect(JSON.parse(run.stdout)).toEqual({ text: 'Is there a FAQ for SCIM?', tables: false });
  });

  it.each([
    ['application/pdf', 'pdf'],
    ['image/jpeg', 'jpeg'],
    ['text/x-made-up', 'txt'],
    ['application/x-made-up', 'bin'],
  ])('nodemailer still names the extension of %s: %s', (type, extension) => {
    expect(detectExtension(type)).toBe(extension);
  });

  it.each([
    ['report.pdf', 'application/pdf'],
    ['photo.JPG', 'image/jpeg'],
    ['notes.made-up', 'application/octet-stream'],
  ])('nodemailer still reads the type of %s: %s', (filename, type) => {
    expect(detectMimeType(filename)).toBe(type);
  });

  it('libmime still reads types and extensions both ways, the same as before', () => {
    expect(libmime.detectExtension('application/pdf')).toBe('pdf');
    expect(libmime.detectExtension('text/plain')).toBe('txt');
    expect(libmime.detectMimeType('pdf')).toBe('application/pdf');
    expect(libmime.detectMimeType('made-up')).toBe('application/octet-stream');
  });
});
