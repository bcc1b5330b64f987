// A received value shown in a message: JSON as it was sent, cut short. Written by hand rather than
// with JSON.stringify, which walks the whole value recursively: a 16 KB body can nest thousands of
// lists (`[[[[…]]]]`) and overflow the stack. Here every level writes at least one character and
// the walk stops once the text is long enough, so it never goes deeper than `longest` levels.

/** Shown for a number JSON.parse read as ±Infinity (`1e400`): JSON.stringify would print `null`. */
export const INFINITE = '∞';

export function previewJson(value: unknown, longest = 60): string {
  let text = '';
  const write = (v: unknown): void => {
    if (text.length > longest) return;
    if (typeof v === 'number') text += Number.isFinite(v) ? String(v) : v > 0 ? INFINITE : `-${INFINITE}`;
    else if (typeof v === 'string') text += JSON.stringify(v.length > longest ? v.slice(0, longest + 1) : v);
    else if (typeof v === 'boolean' || v === null) text += String(v);
    else if (Array.isArray(v)) {
      text += '[';
      for (let i = 0; i < v.length && text.length <= longest; i++) {
        if (i > 0) text += ',';
        write(v[i]);
      }
      text += ']';
    } else if (typeof v === 'object') {
      text += '{';
      let first = true;
      for (const key in v) {
        if (text.length > longest) break;
        text += `${first ? '' : ','}${JSON.stringify(key.slice(0, longest + 1))}:`;
        write((v as Record<string, unknown>)[key]);
        first = false;
      }
      text += '}';
    } else text += String(v);
  };
  write(value);
  return cut(text, longest);
}

export function cut(text: string, longest = 60): string {
  return text.length > longest ? `${text.slice(0, longest - 1)}…` : text;
}
