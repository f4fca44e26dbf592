// Recursive references resolve to their targets, cycles closing on the same object, so a walk
// along a body finds the schema at any depth.
import { describe, expect, it } from 'vitest';
import { resolveBundled } from './bundled-refs.js';

const item = {
  type: 'object',
  properties: {
    Id: { type: 'integer' },
    ChildItems: { type: 'array', items: { $ref: '#/__bundled__/item' } },
  },
};

describe('resolveBundled', () => {
  it('replaces a recursive reference by its target, at every depth', () => {
    const schema = { type: 'array', items: { $ref: '#/__bundled__/item' } };
    const resolved = resolveBundled(schema, { item }) as { items: typeof item };
    const child = resolved.items.properties.ChildItems.items as unknown as typeof item;
    expect(child.properties.Id).toEqual({ type: 'integer' });
    expect(child.properties.ChildItems.items).toBe(child);
    expect(resolved.items).toBe(child);
  });

  it('leaves the schema it was given as it was', () => {
    const schema = { items: { $ref: '#/__bundled__/item' } };
    resolveBundled(schema, { item });
    expect(schema.items).toEqual({ $ref: '#/__bundled__/item' });
    expect(item.properties.ChildItems.items).toEqual({ $ref: '#/__bundled__/item' });
  });

  it('follows a pointer into a target, with ~1 and ~0 unescaped', () => {
    const bundle = { 'a/b': { properties: { 'x~y': { type: 'string' } } } };
    expect(resolveBundled({ $ref: '#/__bundled__/a~1b/properties/x~0y' }, bundle)).toEqual({
      type: 'string',
    });
  });

  it('keeps references it cannot resolve, and one that names only itself', () => {
    const loop = { $ref: '#/__bundled__/loop' };
    expect(resolveBundled({ $ref: '#/__bundled__/none' }, { item })).toEqual({
      $ref: '#/__bundled__/none',
    });
    expect(resolveBundled({ $ref: '#/definitions/item' }, { item })).toEqual({
      $ref: '#/definitions/item',
    });
    expect(resolveBundled(loop, { loop })).toBe(loop);
    expect(resolveBundled({ items: { $ref: '#/__bundled__/item' } }, undefined)).toEqual({
      items: { $ref: '#/__bundled__/item' },
    });
  });
});
