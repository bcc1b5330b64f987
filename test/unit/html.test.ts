import { describe, expect, it } from 'vitest';
import { escapeHtml, html, SafeHtml, unescapeHtml } from '../../platform/html.ts';

describe('the HTML builder', () => {
  it('escapes every interpolated value unless it is SafeHtml', () => {
    const name = `<script>alert("x")</script> & l'Aber`;
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; l&#39;Aber">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; l&#39;Aber</p>',
    );
    expect(html`<p>${new SafeHtml('<b>gras</b>')}</p>`.value).toBe('<p><b>gras</b></p>');
  });

  it('unescapes what was escaped, and only once', () => {
    for (const text of [`<a href="x?a=1&b='2'">`, '&lt; is already an entity', 'Quimper & Brest']) {
      expect(unescapeHtml(escapeHtml(text))).toBe(text);
    }
    expect(unescapeHtml('&amp;lt;')).toBe('&lt;');
  });
});
