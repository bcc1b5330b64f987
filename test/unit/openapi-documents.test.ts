// The OpenAPI documents terminal makers and app developers feed to their code generators: they
// must parse as YAML into what their authors meant. An unquoted comma in a flow mapping silently
// splits a description into a second key whose value is null, which validators then reject.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const DIR = path.resolve(import.meta.dirname, '..', '..', 'docs', 'openapi');

/** Every place where a key holds null: never meant in these documents. */
function nullValues(node: unknown, at = '$'): string[] {
  if (node === null) return [at];
  if (Array.isArray(node)) return node.flatMap((item, i) => nullValues(item, `${at}[${i}]`));
  if (typeof node === 'object') return Object.entries(node!).flatMap(([k, v]) => nullValues(v, `${at}.${k}`));
  return [];
}

describe.each(fs.readdirSync(DIR).filter((f) => f.endsWith('.yaml')))('docs/openapi/%s', (file) => {
  const document = parse(fs.readFileSync(path.join(DIR, file), 'utf8'), { uniqueKeys: true });

  it('is OpenAPI 3.1 with paths', () => {
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(document.paths).length).toBeGreaterThan(0);
  });

  it('has no key that YAML read as null (a comma split a value)', () => {
    expect(nullValues(document)).toEqual([]);
  });

  it('describes every response with text', () => {
    for (const [route, operations] of Object.entries(document.paths as Record<string, Record<string, unknown>>)) {
      for (const [method, operation] of Object.entries(operations)) {
        const responses =
          (operation as { responses?: Record<string, { description?: unknown; $ref?: string }> }).responses ?? {};
        for (const [status, response] of Object.entries(responses)) {
          if (response.$ref) continue;
          expect(typeof response.description, `${method} ${route} ${status}`).toBe('string');
        }
      }
    }
  });
});
