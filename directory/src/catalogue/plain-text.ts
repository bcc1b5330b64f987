// Text of imported sources as plain text. aides-jeunes writes descriptions and free-text conditions
// in a mix of Markdown line breaks and HTML (`<a target="_blank" …>`, `<br>`, `<abbr>`,
// `<strong>`); the directory shows text, never markup, so that nothing a source writes can end up
// as HTML in a page or as a word in the search index.
//
// Plain text here: paragraphs separated by a blank line, lines by "\n" (pages show them with
// `white-space: pre-line`); a link keeps its text, its address in parentheses; an abbreviation
// keeps its expansion in parentheses; entities are decoded.

const LINE = '\uE000';
const PARAGRAPH = '\uE001';

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: '’',
  nbsp: '\u00a0',
  eacute: 'é',
  egrave: 'è',
  ecirc: 'ê',
  euml: 'ë',
  agrave: 'à',
  acirc: 'â',
  ccedil: 'ç',
  icirc: 'î',
  iuml: 'ï',
  ocirc: 'ô',
  ucirc: 'û',
  ugrave: 'ù',
  oelig: 'œ',
  Eacute: 'É',
  Agrave: 'À',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  euro: '€',
  deg: '°',
  rarr: '→',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : entity;
    }
    return ENTITIES[name] ?? entity;
  });
}

const attribute = (tag: string, name: string): string | undefined => {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  const value = match ? (match[1] ?? match[2] ?? match[3]) : undefined;
  return value === undefined ? undefined : decodeEntities(value).trim();
};

const stripTags = (html: string) => html.replace(/<[^>]*>/g, '');

/** "texte (adresse)", or the text alone when it already says the address (a phone number, an e-mail). */
function linkText(openTag: string, inner: string): string {
  const text = stripTags(inner).replace(/\s+/g, ' ').trim();
  const href = attribute(openTag, 'href');
  if (!href || href.startsWith('#') || /^javascript:/i.test(href)) return text;
  const address = href.replace(/^(mailto|tel):/i, '');
  if (!text) return address;
  const digits = (s: string) => s.replace(/\D/g, '').slice(-9);
  const said =
    text === href ||
    text === address ||
    (/^tel:/i.test(href) && digits(text) !== '' && digits(text) === digits(address)) ||
    (/^mailto:/i.test(href) && text.includes(address));
  return said ? text : `${text} (${address})`;
}

function abbrText(openTag: string, inner: string): string {
  const text = stripTags(inner).trim();
  const title = attribute(openTag, 'title');
  return title && title !== text ? `${text} (${title})` : text;
}

/** Plain text from a source's mix of HTML and Markdown line breaks. */
export function htmlToText(source: string): string {
  let text = source.replace(/\r\n?/g, '\n');
  text = text
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/(<a\b[^>]*>)([\s\S]*?)<\/a\s*>/gi, (_, open: string, inner: string) => linkText(open, inner))
    .replace(/(<abbr\b[^>]*>)([\s\S]*?)<\/abbr\s*>/gi, (_, open: string, inner: string) => abbrText(open, inner))
    .replace(/<br\s*\/?>/gi, LINE)
    .replace(/<\/?(p|div|ul|ol|h[1-6])\b[^>]*>/gi, PARAGRAPH)
    .replace(/<li\b[^>]*>/gi, `${LINE}- `)
    .replace(/<[^>]*>/g, '');
  text = decodeEntities(text)
    // Markdown-style line breaks of the source: a blank line is a paragraph, a list item starts a
    // line, any other line break is a soft wrap.
    .replace(/\n[ \t]*\n\s*/g, PARAGRAPH)
    .replace(/\n[ \t]*(?=[-*•] )/g, LINE)
    .replace(/\n/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(new RegExp(` ?([${LINE}${PARAGRAPH}]) ?`, 'g'), '$1');
  return text
    .replace(new RegExp(`[${LINE}${PARAGRAPH}]*${PARAGRAPH}[${LINE}${PARAGRAPH}]*`, 'g'), '\n\n')
    .replace(new RegExp(`${LINE}+`, 'g'), '\n')
    .trim();
}

/** What the search index reads of a text: no markup, no addresses (their words are not the service's). */
export function searchableText(text: string): string {
  return stripTags(text).replace(/\b(?:https?:\/\/|www\.|mailto:|tel:)\S*/gi, ' ');
}
