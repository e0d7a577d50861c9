import { expect } from 'chai';
import { decodeText, firstInvalidUtf8, MAX_FILE_BYTES } from './text-file.js';

const bytes = (...b: number[]) => Uint8Array.from(b);
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeText', () => {
  it('decodes UTF-8 and drops a byte-order mark', () => {
    expect(decodeText(utf8('\ufeffname: café\n'))).to.deep.equal({ ok: true, text: 'name: café\n' });
  });

  it('refuses Latin-1 text, naming the line, column and byte', () => {
    expect(decodeText(bytes(0x61, 0x0a, 0x62, 0x3a, 0x20, 0xe9, 0x0a))).to.deep.equal({
      ok: false,
      line: 2,
      column: 4,
      message: 'not UTF-8 text: byte 0xe9 cannot start or continue a character (a binary file, or another encoding?)',
    });
  });

  it('refuses NUL and escape bytes, allows tab and CRLF', () => {
    expect(decodeText(utf8('a: 1\r\n\tb: \u0000'))).to.include({ ok: false, line: 2, column: 5 });
    expect(decodeText(utf8('a: \u001b[31m'))).to.include({ ok: false, line: 1, column: 4 });
    expect(decodeText(utf8('a: 1\r\nb: "\t"\n'))).to.deep.equal({ ok: true, text: 'a: 1\r\nb: "\t"\n' });
  });

  it('refuses a file over the size limit without reading it as text', () => {
    const r = decodeText(new Uint8Array(MAX_FILE_BYTES + 1));
    expect(r).to.include({ ok: false, line: 1, column: 1 });
  });
});

describe('firstInvalidUtf8', () => {
  it('accepts every well-formed length and rejects overlong forms, surrogates and truncation', () => {
    expect(firstInvalidUtf8(utf8('aé€🙂'))).to.equal(undefined);
    expect(firstInvalidUtf8(bytes(0x61, 0xc0, 0x80))).to.equal(1); // overlong NUL
    expect(firstInvalidUtf8(bytes(0xed, 0xa0, 0x80))).to.equal(0); // surrogate U+D800
    expect(firstInvalidUtf8(bytes(0x61, 0x62, 0xe2, 0x82))).to.equal(2); // cut in the middle
    expect(firstInvalidUtf8(bytes(0xf4, 0x90, 0x80, 0x80))).to.equal(0); // above U+10FFFF
  });
});
