import { describe, expect, it } from 'vitest';
import { applySelect, parseSelect } from './select.js';

describe('parseSelect', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['   ', undefined],
    [',', undefined],
    [' , ,', undefined],
    ['/', undefined],
    ['Name', ['name']],
    ['NAME,state', ['name', 'state']],
    [' Name , State ', ['name', 'state']],
    ['Name,,State,', ['name', 'state']],
    ['name,Name,NAME', ['name']],
    ['RegisteredAssociate/FullName', ['registeredassociate']],
    ['RegisteredAssociate / FullName,Name', ['registeredassociate', 'name']],
    ['a/b/c', ['a']],
    ['NoSuchField', ['nosuchfield']],
  ])('%j → %j', (raw, expected) => {
    const parsed = parseSelect(raw);
    expect(parsed === undefined ? undefined : [...parsed]).toEqual(expected);
  });
});

// The shape of C8: a value-type field takes its .NET default, a reference-type field null.
const blank = { WebhookId: 0, Name: null, State: 'Unknown', Events: null, TotalCalls: 0 };
const entity = {
  WebhookId: 7,
  Name: 'n',
  State: 'Active',
  Events: ['contact.created'],
  TotalCalls: 3,
  _Links: { Self: 'http://x/api/v1/Webhook/7' },
};
type Entity = typeof entity;
const blankEntity = { ...blank, _Links: undefined } as unknown as Entity;

describe('applySelect', () => {
  it.each([
    ['all fields without $select', undefined, entity],
    [
      'Name only',
      'Name',
      {
        WebhookId: 0,
        Name: 'n',
        State: 'Unknown',
        Events: null,
        TotalCalls: 0,
        _Links: entity._Links,
      },
    ],
    [
      'names in any case',
      'webhookid,STATE',
      {
        WebhookId: 7,
        Name: null,
        State: 'Active',
        Events: null,
        TotalCalls: 0,
        _Links: entity._Links,
      },
    ],
    [
      'the first segment of a/b',
      'Events/0,Name/Length',
      {
        WebhookId: 0,
        Name: 'n',
        State: 'Unknown',
        Events: ['contact.created'],
        TotalCalls: 0,
        _Links: entity._Links,
      },
    ],
    [
      'unknown names are ignored',
      'NoSuchField,TotalCalls',
      {
        WebhookId: 0,
        Name: null,
        State: 'Unknown',
        Events: null,
        TotalCalls: 3,
        _Links: entity._Links,
      },
    ],
    [
      'only unknown names: everything blank but _Links',
      'NoSuchField',
      {
        WebhookId: 0,
        Name: null,
        State: 'Unknown',
        Events: null,
        TotalCalls: 0,
        _Links: entity._Links,
      },
    ],
    ['an empty $select means all', '', entity],
  ])('%s', (_name, raw, expected) => {
    const selected = applySelect(entity, parseSelect(raw), blank as unknown as Entity);
    expect(selected).toEqual(expected);
    expect(Object.keys(selected)).toEqual(Object.keys(entity));
    expect(selected).not.toBe(entity);
  });

  it('blanks a key the blank holds, even as undefined, and keeps one it lacks', () => {
    const selected = applySelect(entity, parseSelect('Name'), blankEntity);
    expect(selected._Links).toBeUndefined();
    const kept = applySelect(entity, parseSelect('Name'), blank as unknown as Entity);
    expect(kept._Links).toBe(entity._Links);
  });

  it('does not change the entity or the blank', () => {
    const before = structuredClone({ entity, blank });
    applySelect(entity, parseSelect('Name'), blank as unknown as Entity);
    expect({ entity, blank }).toEqual(before);
  });
});
