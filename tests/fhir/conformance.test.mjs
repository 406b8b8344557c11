// FHIR R4 and CDS Hooks 2.0.1 conformance against a real `fossa serve` (docs/fhir.md):
// - every FHIR resource Fossa emits (the Questionnaire, the assessment Bundles of every case of
//   tests/cases/dev.jsonl, the ServiceRequests of cards) validates against the official R4 JSON
//   schema; CDS Hooks requests and responses against tests/fhir/cds-hooks-2.0.1.schema.json;
// - a record system plays the hooks end to end: discovery, calls with prefetch signed with ES384 and
//   RS384 JWTs, bad tokens refused, a missing prefetch, order-select, and feedback in /metrics.
// Run: FOSSA_BINARY=build/fossa node --test tests/fhir/   (part of `make test`)
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';

import { cdsProblems, fhirProblems, resourcesIn } from './validators.mjs';
import { chart, makeIssuer, patientView, QUESTIONNAIRE, startServer, token } from './record_system.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FHIR = 'application/fhir+json';

// What was validated, by resource type and CDS Hooks definition: printed at the end of the run.
const validated = { fhir: {}, cds: {} };
const count = (table, key) => { table[key] = (table[key] || 0) + 1; };

function assertValidFhirResource(resource, what) {
  assert.deepEqual(fhirProblems(resource), [], `${what}: ${resource.resourceType}`);
  count(validated.fhir, resource.resourceType);
}

function assertValidFhir(value, what) {
  const resources = resourcesIn(value);
  assert.ok(resources.length > 0, `${what}: no resource`);
  for (const resource of resources) assertValidFhirResource(resource, what);
  return resources;
}

function assertCds(name, value) {
  assert.deepEqual(cdsProblems(name, value), [], name);
  count(validated.cds, name);
}

after(() => {
  const total = (table) => Object.values(table).reduce((a, b) => a + b, 0);
  console.log(`validated against the R4 schema: ${total(validated.fhir)} resources ${JSON.stringify(validated.fhir)}`);
  console.log(`validated against the CDS Hooks 2.0.1 schema: ${total(validated.cds)} documents ${JSON.stringify(validated.cds)}`);
});

describe('FHIR R4 out and in (no trust list)', () => {
  let server;
  before(async () => { server = await startServer(); });
  after(async () => { assert.equal(await server.stop(), 0); });

  test('the validators catch what they should', () => {
    assert.deepEqual(fhirProblems({ resourceType: 'RiskAssessment', status: 'final', subject: { reference: 'Patient/1' } }), []);
    assert.notDeepEqual(fhirProblems({ resourceType: 'RiskAssessment', status: 'final', subject: { reference: 'Patient/1' }, prediction: [{ probabilityDecimal: '45%' }] }), []);
    assert.notDeepEqual(fhirProblems({ resourceType: 'Questionnaire', status: 'active', item: [{ linkId: 'age', type: 'integer', enableWhen: [{ question: 'trauma', operator: 'is', answerBoolean: true }] }] }), []);
    assert.notDeepEqual(fhirProblems({ resourceType: 'ServiceRequest', status: 'draft', intent: 'proposal', subject: { reference: 'Patient/1' }, colour: 'red' }), []);
    assert.notDeepEqual(cdsProblems('Card', { summary: 'x'.repeat(140), indicator: 'info', source: { label: 'a' } }), []);
    assert.notDeepEqual(cdsProblems('Card', { summary: 'a', indicator: 'hard-stop', source: { label: 'a' } }), []);
    assert.notDeepEqual(cdsProblems('Card', { summary: 'a', indicator: 'info', source: { label: 'a' }, suggestions: [{ label: 'x' }] }), []);
  });

  test('without --cds-jwks the start-up log says unsigned calls are for testing only', () => {
    assert.match(server.log(), /unsigned CDS Hooks calls are accepted, for testing only/);
  });

  test('the Questionnaire validates and its linkIds are the finding ids', async () => {
    const response = await fetch(`${server.url}/fhir/Questionnaire/fossa-interview`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /application\/fhir\+json/);
    const questionnaire = await response.json();
    assertValidFhir(questionnaire, 'Questionnaire');
    assert.equal(questionnaire.url, QUESTIONNAIRE);
    const knowledge = await (await fetch(`${server.url}/v1/knowledge`)).json();
    const asked = knowledge.findings.filter((f) => f.group !== 'investigation').map((f) => f.id).sort();
    const leaves = [];
    const groups = [];
    const walk = (items) => {
      for (const item of items) {
        if (item.type === 'group') { groups.push(item); walk(item.item); } else leaves.push(item.linkId);
      }
    };
    walk(questionnaire.item);
    assert.deepEqual([...leaves].sort(), asked);
    assert.ok(groups.some((g) => g.linkId === 'emergency_signs'), 'the interview groups are kept');
    const severity = groups.find((g) => g.linkId === 'injury_severity');
    assert.deepEqual(severity.enableWhen, [{ question: 'trauma', operator: '=', answerBoolean: true }]);
  });

  test('every case of dev.jsonl gives a Bundle that validates and holds a RiskAssessment', async () => {
    const knowledge = await (await fetch(`${server.url}/v1/knowledge`)).json();
    const lines = readFileSync(path.join(root, 'tests/cases/dev.jsonl'), 'utf8').split('\n').filter(Boolean);
    let count = 0;
    for (const line of lines) {
      const response = await fetch(`${server.url}/v1/assess`, { method: 'POST', headers: { accept: FHIR, 'content-type': 'application/json' }, body: line });
      assert.equal(response.status, 200, line.slice(0, 60));
      assert.match(response.headers.get('content-type'), /application\/fhir\+json/);
      const bundle = await response.json();
      const resources = assertValidFhir(bundle, JSON.parse(line).id);
      assert.equal(bundle.type, 'collection');
      const risk = resources.find((r) => r.resourceType === 'RiskAssessment');
      assert.ok(risk, 'a RiskAssessment');
      assert.equal(risk.prediction.length, knowledge.conditions.length);
      for (const prediction of risk.prediction) assert.ok(prediction.probabilityDecimal >= 0 && prediction.probabilityDecimal <= 100);
      assert.ok(resources.some((r) => r.resourceType === 'Observation' && r.code.coding[0].code === 'wells_dvt'), 'the Wells score');
      assert.ok(resources.filter((r) => r.resourceType === 'ServiceRequest').every((r) => r.intent === 'proposal'));
      count += 1;
    }
    assert.ok(count > 20);
  });

  test('FHIR in: a Bundle of Patient, Observation, Condition and QuestionnaireResponse', async () => {
    const prefetch = chart('p-7', { calf_swelling: true, breathlessness: false, chest_pain: false, coughing_blood: false }, {
      observations: [{ resourceType: 'Observation', id: 'dd-1', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '48065-7' }] },
        interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'H' }] }],
        subject: { reference: 'Patient/p-7' } }],
      conditions: [{ resourceType: 'Condition', id: 'c-1', code: { coding: [{ system: 'http://snomed.info/sct', code: '161508001' }] },
        subject: { reference: 'Patient/p-7' } }],
    });
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: Object.values(prefetch).map((resource) => ({ resource })) };
    const response = await fetch(`${server.url}/v1/assess`, { method: 'POST', headers: { accept: FHIR, 'content-type': FHIR }, body: JSON.stringify(bundle) });
    assert.equal(response.status, 200, await response.clone().text());
    const out = await response.json();
    const resources = assertValidFhir(out, 'Bundle');
    const risk = resources.find((r) => r.resourceType === 'RiskAssessment');
    assert.equal(risk.subject.reference, 'Patient/p-7');
    assert.ok(resources.some((r) => r.resourceType === 'Observation' && r.code.coding[0].code === 'wells_dvt'), 'the Wells score');
    const requests = resources.filter((r) => r.resourceType === 'ServiceRequest');
    assert.ok(requests.length > 0, 'the work-up as ServiceRequests');
    for (const request of requests) assert.equal(request.subject.reference, 'Patient/p-7');
    const basis = risk.basis.map((b) => b.reference);
    for (const ref of ['Observation/dd-1', 'Condition/c-1', 'QuestionnaireResponse/qr-p-7']) assert.ok(basis.includes(ref), ref);
    // The same evidence as JSON: the D-dimer, the previous DVT and the age from the birth date.
    const json = await (await fetch(`${server.url}/v1/assess`, { method: 'POST', headers: { 'content-type': FHIR }, body: JSON.stringify(bundle) })).json();
    assert.equal(json.evidence.d_dimer_positive, true);
    assert.equal(json.evidence.previous_dvt, true);
    assert.equal(json.evidence.sex, 'female');
    assert.ok(json.evidence.age >= 45);
  });

  test('malformed FHIR gets a 422 naming the FHIR path', async () => {
    const post = async (body) => {
      const response = await fetch(`${server.url}/v1/assess`, { method: 'POST', headers: { 'content-type': FHIR }, body: JSON.stringify(body) });
      return { status: response.status, type: response.headers.get('content-type'), problem: await response.json() };
    };
    const qr = (extra) => ({ resourceType: 'QuestionnaireResponse', questionnaire: QUESTIONNAIRE, status: 'completed', ...extra });
    const cases = [
      [{ resourceType: 'MedicationRequest' }, 'MedicationRequest.resourceType'],
      [qr({ questionnaire: 'http://example.org/Questionnaire/phq-9' }), 'QuestionnaireResponse.questionnaire'],
      [qr({ item: [{ linkId: 'calf_swelling', answer: [{ valueString: 'yes' }] }] }), 'QuestionnaireResponse.item[0].answer[0].valueString'],
      [qr({ item: [{ linkId: 'calf_sweling', answer: [{ valueBoolean: true }] }] }), 'QuestionnaireResponse.item[0].linkId'],
      [qr({ item: [{ linkId: 'age', answer: [{ valueInteger: 200 }] }] }), 'QuestionnaireResponse.item[0].answer[0].valueInteger'],
      [{ resourceType: 'Observation', status: 'final', code: { coding: [{ system: 'http://snomed.info/sct', code: '22298006' }] } }, 'Observation.code'],
      [{ resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Patient', gender: 'f' } }] }, 'Bundle.entry[0].resource.gender'],
    ];
    for (const [body, where] of cases) {
      const { status, type, problem } = await post(body);
      assert.equal(status, 422, JSON.stringify(problem));
      assert.match(type, /application\/problem\+json/);
      assert.equal(problem.where, where, problem.detail);
    }
    const response = await fetch(`${server.url}/v1/assess`, { method: 'POST', headers: { 'content-type': FHIR }, body: '{"resourceType": ' });
    assert.equal(response.status, 400);
  });
});

describe('CDS Hooks 2.0.1: a record system end to end (signed calls)', () => {
  let server;
  const issuer = makeIssuer();
  const auth = (pathname, options) => ({ authorization: `Bearer ${token(issuer, `${server.url}${pathname}`, options)}` });
  const call = async (service, body, options) => {
    const pathname = `/cds-services/${service}`;
    const response = await fetch(`${server.url}${pathname}`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...auth(pathname, options) }, body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  before(async () => { server = await startServer(['--cds-jwks', issuer.file]); });
  after(async () => { assert.equal(await server.stop(), 0); });

  test('discovery needs a token and validates', async () => {
    assert.doesNotMatch(server.log(), /unsigned/);
    const refused = await fetch(`${server.url}/cds-services`);
    assert.equal(refused.status, 401);
    assert.match(refused.headers.get('www-authenticate'), /Bearer/);
    const response = await fetch(`${server.url}/cds-services`, { headers: auth('/cds-services') });
    assert.equal(response.status, 200);
    const discovery = await response.json();
    assertCds('Discovery', discovery);
    assert.deepEqual(discovery.services.map((s) => s.hook), ['patient-view', 'order-select']);
    for (const service of discovery.services) {
      assert.deepEqual(Object.keys(service.prefetch), ['patient', 'conditions', 'observations', 'questionnaireResponse']);
      assert.match(service.prefetch.observations, /http:\/\/loinc\.org\|48065-7/);
    }
  });

  const scenarios = [
    ['a breathless person', 'critical', { breathlessness: true, pain_in_calf: true }],
    ['a swollen calf', 'warning', { calf_swelling: true, breathlessness: false, chest_pain: false, coughing_blood: false, cold_pale_foot: false }],
    ['a mild strain', 'info', { age: 38, duration_days: 2, sports_or_exertion: true, calf_stretch_pain: true, calf_swelling: false, difficulty_walking: false, pain_in_calf: true }],
  ];
  for (const [who, indicator, answers] of scenarios) {
    test(`patient-view: ${who} gets a ${indicator} card`, async () => {
      const id = `p-${indicator}`;
      const request = patientView(id, chart(id, answers));
      assertCds('PatientViewRequest', request);
      for (const resource of resourcesIn(request.prefetch)) assertValidFhirResource(resource, 'prefetch');
      const { status, body } = await call('fossa-patient-view', request, { alg: indicator === 'warning' ? 'RS384' : 'ES384' });
      assert.equal(status, 200, JSON.stringify(body));
      assertCds('Response', body);
      assert.equal(body.cards.length, 1);
      const [card] = body.cards;
      assert.equal(card.indicator, indicator, card.summary);
      assert.ok(card.summary.length < 140);
      assert.match(card.detail, /Wells score/);
      assert.match(card.detail, /Most likely causes/);
      assert.ok(card.source.url.startsWith('http'));
      assert.equal(card.links[0].type, 'absolute');
      assert.ok(card.links[0].url.startsWith(`${server.url}/?`) && card.links[0].url.endsWith('#clinician'));
      // Suggestions are the tests a pathway step orders now (none for an ambulance or a mild strain).
      for (const suggestion of card.suggestions ?? []) {
        for (const action of suggestion.actions) {
          assert.equal(action.resource.resourceType, 'ServiceRequest');
          assert.equal(action.resource.intent, 'proposal');
          assert.equal(action.resource.subject.reference, `Patient/${id}`);
          assertValidFhirResource(action.resource, 'suggestion');
        }
      }
    });
  }

  test('patient-view: a warning sign recorded as an Observation gives the critical card', async () => {
    const id = 'p-obs';
    const breathless = { resourceType: 'Observation', id: 'obs-1', status: 'final', subject: { reference: `Patient/${id}` },
      code: { coding: [{ system: 'http://snomed.info/sct', code: '267036007', display: 'Dyspnea' }] } };
    const request = patientView(id, chart(id, scenarios[2][2], { observations: [breathless] }));
    for (const resource of resourcesIn(request.prefetch)) assertValidFhirResource(resource, 'prefetch');
    const { status, body } = await call('fossa-patient-view', request);
    assert.equal(status, 200, JSON.stringify(body));
    assertCds('Response', body);
    assert.equal(body.cards[0].indicator, 'critical', body.cards[0].summary);
    assert.match(body.cards[0].detail, /\*\*Warning signs:\*\*\n\n- /);
  });

  test('order-select: a D-dimer for a swollen calf is the step NICE NG158 gives now', async () => {
    const id = 'p-dd';
    const request = {
      hook: 'order-select', hookInstance: randomUUID(), context: {
        userId: 'Practitioner/gp-1', patientId: id, selections: ['ServiceRequest/dd-1'],
        draftOrders: { resourceType: 'Bundle', type: 'collection', entry: [{ resource: {
          resourceType: 'ServiceRequest', id: 'dd-1', status: 'draft', intent: 'order', subject: { reference: `Patient/${id}` },
          code: { coding: [{ system: 'http://loinc.org', code: '48065-7' }], text: 'D-dimer' } } }] },
      },
      prefetch: chart(id, scenarios[1][2]),
    };
    assertCds('OrderSelectRequest', request);
    const { status, body } = await call('fossa-order-select', request);
    assert.equal(status, 200, JSON.stringify(body));
    assertCds('Response', body);
    assertValidFhir(body, 'order-select cards');
    assert.match(body.cards[0].summary, /^D-dimer: the step now in NICE NG158/);
    assert.equal(body.cards[0].indicator, 'warning');
  });

  test('order-select: a knee MRI chosen for a mild strain', async () => {
    const id = 'p-order';
    const request = {
      hook: 'order-select', hookInstance: randomUUID(), context: {
        userId: 'Practitioner/gp-1', patientId: id, selections: ['ServiceRequest/mri-1'],
        draftOrders: { resourceType: 'Bundle', type: 'collection', entry: [{ resource: {
          resourceType: 'ServiceRequest', id: 'mri-1', status: 'draft', intent: 'order', subject: { reference: `Patient/${id}` },
          code: { coding: [{ system: 'http://loinc.org', code: '24802-1', display: 'Knee MRI' }], text: 'Knee MRI' } } }] },
      },
      prefetch: chart(id, scenarios[2][2]),
    };
    assertCds('OrderSelectRequest', request);
    for (const resource of resourcesIn(request.context.draftOrders)) assertValidFhirResource(resource, 'draftOrders');
    const { status, body } = await call('fossa-order-select', request);
    assert.equal(status, 200, JSON.stringify(body));
    assertCds('Response', body);
    const [card] = body.cards;
    assert.equal(card.suggestions, undefined, 'no pathway orders a test for a mild strain, so nothing is proposed');
    assert.match(card.summary, /^Knee MRI: no pathway that applies now orders it/);
    assert.match(card.detail, /Knee MRI\*\*: no pathway that applies now orders it\. It reports:/);
    assert.equal(card.indicator, 'info');
  });

  test('bad or missing tokens get 401; a reused jti is refused', async () => {
    const request = patientView('p-auth', chart('p-auth', { calf_swelling: true }));
    const pathname = '/cds-services/fossa-patient-view';
    const post = (headers) => fetch(`${server.url}${pathname}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(request) });
    const now = Math.floor(Date.now() / 1000);
    const bad = [
      {},
      { authorization: 'Basic dXNlcjpwYXNz' },
      auth('/cds-services/elsewhere'),
      auth(pathname, { claims: { exp: now - 3600 } }),
      auth(pathname, { claims: { iss: 'https://other.example.org' } }),
      auth(pathname, { header: { kid: 'unknown' } }),
      auth(pathname, { header: { alg: 'HS384' } }),
      { authorization: `Bearer ${token(issuer, `${server.url}${pathname}`).split('.').slice(0, 2).join('.')}.AAAA` },
    ];
    for (const headers of bad) {
      const response = await post(headers);
      assert.equal(response.status, 401, JSON.stringify(headers));
      assert.equal((await response.json()).type, 'urn:fossa:problem:unauthorized');
    }
    const once = auth(pathname);
    assert.equal((await post(once)).status, 200);
    const replay = await post(once);
    assert.equal(replay.status, 401);
    assert.match((await replay.json()).detail, /jti/);
  });

  test('a missing prefetch gets 412 (Fossa never queries the FHIR server)', async () => {
    const request = patientView('p-412', { patient: { resourceType: 'Patient', id: 'p-412' } });
    request.fhirAuthorization = { access_token: 'abc', token_type: 'Bearer', expires_in: 300, scope: 'patient/*.read', subject: 'fossa' };
    assertCds('PatientViewRequest', request);
    const { status, body } = await call('fossa-patient-view', request);
    assert.equal(status, 412);
    assert.match(body.detail, /questionnaireResponse/);
  });

  test('a QuestionnaireResponse to another questionnaire or about another patient gets 422', async () => {
    const prefetch = chart('p-9', { calf_swelling: true });
    prefetch.questionnaireResponse.entry[0].resource.questionnaire = 'http://example.org/Questionnaire/other';
    let { status, body } = await call('fossa-patient-view', patientView('p-9', prefetch));
    assert.equal(status, 422);
    assert.equal(body.where, 'prefetch.questionnaireResponse.entry[0].resource.questionnaire');
    ({ status, body } = await call('fossa-patient-view', patientView('p-10', chart('p-9', { calf_swelling: true }))));
    assert.equal(status, 422);
    assert.equal(body.where, 'prefetch.patient.id');
  });

  test('feedback is accepted and counted in /metrics', async () => {
    const request = patientView('p-fb', chart('p-fb', { calf_swelling: true }));
    const { body } = await call('fossa-patient-view', request);
    const [card] = body.cards;
    const feedback = { feedback: [
      { card: card.uuid, outcome: 'accepted', acceptedSuggestions: [{ id: card.suggestions[0].uuid }], outcomeTimestamp: new Date().toISOString() },
      { card: card.uuid, outcome: 'overridden', overrideReason: { reason: card.overrideReasons[0], userComment: 'seen in clinic' }, outcomeTimestamp: new Date().toISOString() },
    ] };
    assertCds('Feedback', feedback);
    const pathname = '/cds-services/fossa-patient-view/feedback';
    const response = await fetch(`${server.url}${pathname}`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth(pathname) }, body: JSON.stringify(feedback) });
    assert.equal(response.status, 200);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    assert.match(metrics, /fossa_cds_feedback_total\{service="fossa-patient-view",outcome="accepted"\} 1/);
    assert.match(metrics, /fossa_cds_feedback_total\{service="fossa-patient-view",outcome="overridden"\} 1/);
  });
});
