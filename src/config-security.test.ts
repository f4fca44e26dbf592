// The security flags of `serve` (docs/security.md): --allowed-hosts, --admin-token,
// --public-url and --repair, as flags and as environment variables.
import { describe, expect, it } from 'vitest';
import { ConfigError, parsePublicUrl, parseServeArgs, type Config } from './config.js';

const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseServeArgs(argv, env) as Config;

describe('security flags', () => {
  it('default to nothing extra', () => {
    expect(parse([])).toMatchObject({
      allowedHosts: [],
      adminToken: undefined,
      publicUrl: undefined,
      repair: false,
    });
  });

  it('read flags and environment variables', () => {
    const config = parse(['--allowed-hosts', 'Mock.Test, .dev.test', '--repair'], {
      SO_WEBHOOK_MOCK_ADMIN_TOKEN: 'a-token-of-16-chars',
      SO_WEBHOOK_MOCK_PUBLIC_URL: 'https://mock.example:8443/',
    });
    expect(config.allowedHosts).toEqual(['mock.test', '.dev.test']);
    expect(config.adminToken).toBe('a-token-of-16-chars');
    expect(config.publicUrl).toBe('https://mock.example:8443');
    expect(config.repair).toBe(true);
  });

  it.each([
    [['--allowed-hosts', 'evil.example/path']],
    [['--allowed-hosts', 'a b']],
    [['--admin-token', 'short']],
    [['--public-url', 'ftp://mock.example']],
    [['--public-url', 'https://mock.example/api']],
    [['--public-url', 'https://user:pw@mock.example']],
    [['--public-url', 'not a url']],
  ])('refuse %j', (argv) => {
    expect(() => parse(argv)).toThrow(ConfigError);
  });

  it('--public-url keeps the origin only', () => {
    expect(parsePublicUrl('http://LOCALHOST:3000')).toBe('http://localhost:3000');
  });
});
