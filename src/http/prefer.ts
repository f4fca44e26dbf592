// The Prefer request header (RFC 7240) carries per-request wishes the way Prism reads them:
// `code`, `example`, `dynamic` pick a documented response; `delay` and `fault` add chaos.
import { DEFAULT_LIMITS } from '../platform/limits.js';

export type Fault = 'reset' | 'empty' | 'garbage';

export interface Preferences {
  code?: number;
  example?: string;
  dynamic?: boolean;
  delay?: number;
  fault?: Fault;
}

const FAULTS: readonly string[] = ['reset', 'empty', 'garbage'];

export class PreferError extends Error {}

function unquote(value: string): string {
  const trimmed = value.trim();
  return trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
}

export function parsePrefer(header: string | undefined): Preferences {
  const preferences: Preferences = {};
  if (!header) return preferences;
  for (const part of header.split(/[,;]/)) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim().toLowerCase();
    const value = unquote(part.slice(eq + 1));
    if (name === 'code') {
      if (!/^\d{3}$/.test(value))
        throw new PreferError(`Prefer code=${value} is not a status code`);
      preferences.code = Number(value);
    } else if (name === 'example') {
      preferences.example = value;
    } else if (name === 'dynamic') {
      preferences.dynamic = value.toLowerCase() === 'true';
    } else if (name === 'delay') {
      if (!/^\d{1,9}$/.test(value) || Number(value) > DEFAULT_LIMITS.maxDelayMs) {
        throw new PreferError(
          `Prefer delay=${value}: give milliseconds up to ${DEFAULT_LIMITS.maxDelayMs}`,
        );
      }
      preferences.delay = Number(value);
    } else if (name === 'fault') {
      if (!FAULTS.includes(value)) {
        throw new PreferError(`Prefer fault=${value}: use one of ${FAULTS.join(', ')}`);
      }
      preferences.fault = value as Fault;
    }
  }
  return preferences;
}

/** Whether the request asks for a spec-generated response instead of the real one. */
export const wantsMock = (p: Preferences): boolean =>
  p.code !== undefined || p.example !== undefined || p.dynamic === true;
