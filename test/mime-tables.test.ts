/**
 * The MIME type tables of libmime and nodemailer, as patched (patches/libmime+5.6.4.patch,
 * patches/nodemailer+10.6.1.patch): built at their first lookup, not when the libraries load.
 * A message whose parts say their type and name never needs them; a part that does not still
 * gets the same type or extension as before.
 */
import libmime from 'libmime';
import { detectExtension, detectMimeType } from 'nodemailer/lib/mime-funcs';
import { parseInFreshProcess } from './support/fresh-parse';

describe('MIME type tables', () => {
  it('parses mail without loading libmime’s tables (the libmime patch is applied)', () => {
    const parsed = parseInFreshProcess(['/libmime/dist/cjs/mimetypes.js']);
    expect(parsed.text).toBe('Is there a FAQ for SCIM?');
    // If this fails, `npm install` did not run its postinstall step, which applies patches/.
    expect(parsed.loaded).toEqual({ '/libmime/dist/cjs/mimetypes.js': false });
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
