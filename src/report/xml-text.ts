/**
 * Text that XML 1.0 accepts. XML forbids most control characters (even as &#…; references),
 * lone surrogates and U+FFFE/U+FFFF; they are written as visible escapes such as \u{1b} so the
 * report stays well-formed and still shows what was there.
 */
const FORBIDDEN_IN_XML =
  // eslint-disable-next-line no-control-regex -- matching what XML forbids is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function visible(s: string): string {
  return s.replace(FORBIDDEN_IN_XML, (ch) => `\\u{${(ch.codePointAt(0) ?? 0).toString(16)}}`);
}

/** Element content: forbidden characters made visible, markup escaped. */
export function xmlText(s: string): string {
  return visible(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value in double quotes: also quotes, and line breaks and tabs kept as references (parsers would fold them to spaces). */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
