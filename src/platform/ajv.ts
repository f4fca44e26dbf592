// One way to make a JSON Schema 2020-12 validator with the standard formats (uri, uuid, …),
// shared by request validation and fixture validation.
import { Ajv2020, type Options } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

type FormatsPlugin = (ajv: Ajv2020) => unknown;
// ajv-formats is CommonJS: Node hands us module.exports, bundling loaders its `default`.
const formatsImport = addFormatsModule as unknown as FormatsPlugin & { default?: FormatsPlugin };
const addFormats: FormatsPlugin = formatsImport.default ?? formatsImport;

export function createAjv(options: Options): Ajv2020 {
  const ajv = new Ajv2020(options);
  addFormats(ajv);
  return ajv;
}
