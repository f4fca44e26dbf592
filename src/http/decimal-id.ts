// Ids in paths and queries are decimal integers, as the real (ASP.NET) server binds an int:
// Number() alone would let `1e1` address webhook 10 and `0x10` webhook 16.
import { ApiError } from './api-error.js';

const DECIMAL = /^-?\d{1,10}$/;

export const isDecimalId = (text: string): boolean => DECIMAL.test(text);

/** The id `text` spells in decimal digits, or a 400 naming `what`. */
export function decimalId(text: string | undefined, what: string): number {
  if (text === undefined || !isDecimalId(text)) {
    throw new ApiError('BAD_REQUEST', `The value '${text ?? ''}' is not valid for ${what}.`);
  }
  return Number(text);
}
