// A failure's request as a curl command a reader can paste. Credentials never appear: the
// evidence holds them redacted, and the command reads them from environment variables instead.
import type { RecordedRequest } from '../types.js';

/** POSIX single quotes: nothing inside is expanded. */
export const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/** What stands in for a redacted header, by the scheme word the evidence kept. */
function credentialArgs(name: string, value: string): string[] {
  if (name === 'so-apptoken') return ['-H', '"SO-AppToken: $SO_APPTOKEN"'];
  const scheme = value.split(' ')[0] ?? '';
  if (/^basic$/i.test(scheme)) return ['-u', '"$SO_USER:$SO_PASSWORD"'];
  if (/^soticket$/i.test(scheme)) return ['-H', `"Authorization: ${scheme} $SO_TICKET"`];
  if (/^bearer$/i.test(scheme)) return ['-H', `"Authorization: ${scheme} $SO_TOKEN"`];
  return ['-H', shellQuote(`${name}: ${value}`)];
}

export function curlOf(request: RecordedRequest): string {
  const args = ['curl', '-sS', '-i', '-X', request.method, shellQuote(request.url)];
  for (const [name, value] of Object.entries(request.headers)) {
    const secret = name === 'authorization' || name === 'so-apptoken';
    args.push(...(secret ? credentialArgs(name, value) : ['-H', shellQuote(`${name}: ${value}`)]));
  }
  if (request.body !== undefined) args.push('--data-raw', shellQuote(request.body));
  return args.join(' ');
}
