// Where a login, or a refusal at mon-compte, sends the browser back: a page of mes-services, never
// another site. Browsers read "\" as "/" and drop tabs and newlines inside a URL, so "/\evil" or
// "/<tab>/evil" mean "//evil" to them: such values are refused rather than cleaned, and what is
// kept is the path as the URL parser resolved it, so that "/.//evil" cannot become "//evil".

// Percent-encoded backslashes and control characters: a later decoding must not make them.
const ENCODED_UNSAFE = /%5C|%[01][0-9A-F]|%7F/i;
const unsafe = (value: string) =>
  ENCODED_UNSAFE.test(value) ||
  [...value].some((c) => c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/** `value` if it is a path of mes-services (query and fragment kept), else "/". */
export function safeReturnPath(value: unknown, directoryUrl: string): string {
  if (typeof value !== 'string' || value.length > 2000) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || unsafe(value)) return '/';
  const base = new URL(directoryUrl);
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return '/';
  }
  if (url.origin !== base.origin || !url.pathname.startsWith('/') || url.pathname.startsWith('//')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
