import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadContract } from '../../src/http/contract.js';
import { AREAS } from '../types.js';
import { citation } from '../sources.js';
import { ALL_CASES } from './index.js';

const ORIGIN_TAGS = ['doc', 'client', 'inferred', 'choice'];
const SOURCE = /^(seeds\/\d{3}_[0-9a-f]{16}\.txt|reference §\d[a-z]?|spec C\d+|RFC \d+)/;

describe('the case catalogue', () => {
  it('has unique, stable-looking ids', () => {
    const ids = ALL_CASES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z-]+\.[a-z0-9.-]+$/);
  });

  it('says for every case where it comes from and what it checks', () => {
    for (const c of ALL_CASES) {
      expect(AREAS, c.id).toContain(c.area);
      expect(c.source, c.id).toMatch(SOURCE);
      for (const text of [c.title, c.given, c.when, c.then]) expect(text.trim(), c.id).not.toBe('');
      expect(
        c.tags.some((t) => ORIGIN_TAGS.includes(t)),
        `${c.id} has no origin tag`,
      ).toBe(true);
    }
  });

  it('cites only the choices spec/README.md makes', () => {
    const readme = readFileSync(new URL('../../spec/README.md', import.meta.url), 'utf8');
    for (const c of ALL_CASES) {
      const choice = /spec (C\d+)/.exec(c.source)?.[1];
      if (choice) expect(readme, c.id).toMatch(new RegExp(`^\\| ${choice} \\|`, 'm'));
    }
  });

  it('prints a source a reader can open: a public vendor page or a file in the package', () => {
    for (const c of ALL_CASES) {
      const cited = citation(c.source);
      expect(cited, `${c.id}: ${c.source}`).toBeDefined();
      for (const part of cited?.split(', ') ?? []) {
        expect(part, `${c.id}: ${c.source}`).toMatch(
          /^(https:\/\/docs\.superoffice\.com\/en\/[\w/.-]+\.html|https:\/\/www\.rfc-editor\.org\/rfc\/rfc\d+(#section-[\d.]+)?|spec\/README\.md C\d+)$/,
        );
        const file = /^(spec\/README\.md)/.exec(part)?.[1];
        if (file) expect(existsSync(new URL(`../../${file}`, import.meta.url)), file).toBe(true);
      }
    }
  });

  it('tags every case that watches deliveries, so --skip receiver leaves them out', () => {
    for (const c of ALL_CASES.filter((x) => x.needsReceiver))
      expect(c.tags, c.id).toContain('receiver');
  });

  it('covers every area', () => {
    expect(new Set(ALL_CASES.map((c) => c.area))).toEqual(new Set(AREAS));
  });

  it('checks every operation of the spec against its response schema', async () => {
    const contract = await loadContract();
    const dir = new URL('.', import.meta.url);
    const source = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => readFileSync(new URL(f, dir), 'utf8'))
      .join('\n');
    const unchecked = contract.operations
      .map((o) => o.id)
      .filter((id) => !source.includes(`'${id}'`));
    expect(unchecked).toEqual([]);
  });
});
