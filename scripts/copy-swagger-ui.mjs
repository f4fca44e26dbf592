// Copies the two Swagger UI files the /docs page loads, with their licence, from the
// swagger-ui-dist dev dependency into dist/swagger-ui/ at build time. The published package
// then serves them without depending on swagger-ui-dist, whose @scarf/scarf dependency runs a
// telemetry postinstall in every project that installs it.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FILES = ['swagger-ui-bundle.js', 'swagger-ui.css', 'LICENSE', 'NOTICE'];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const target = join(root, 'dist', 'swagger-ui');
mkdirSync(target, { recursive: true });
for (const file of FILES) copyFileSync(join(source, file), join(target, file));
const { version } = createRequire(import.meta.url)('swagger-ui-dist/package.json');
console.log(`swagger-ui-dist ${version}: ${FILES.join(', ')} → dist/swagger-ui/`);
