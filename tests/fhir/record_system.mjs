// A record system (CDS Client) for the tests: a real `fossa serve`, JWTs signed with keys made here
// by node:crypto (ES384 and RS384), and the FHIR resources a chart would hold.
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fossaBinary = process.env.FOSSA_BINARY || path.join(root, 'build', 'fossa');

// Starts `fossa serve --port 0` with `args`; resolves with {url, log(), stop()} once it listens.
export function startServer(args = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(fossaBinary, ['serve', '--host', '127.0.0.1', '--port', '0', '--threads', '2', ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    let started = false;
    const timer = setTimeout(() => reject(new Error(`fossa serve did not start:\n${log}`)), 10000);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`fossa serve exited with ${code}:\n${log}`)); });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text) => {
      log += text;
      const match = log.match(/listening on (http:\/\/[0-9.]+:\d+)/);
      if (match && !started) {
        started = true;
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({
          url: match[1],
          log: () => log,
          stop: () => new Promise((done) => {
            if (child.exitCode !== null) return done(child.exitCode);
            child.on('exit', (code) => done(code));
            child.kill('SIGTERM');
            return undefined;
          }),
        });
      }
    });
  });
}

const b64url = (bytes) => Buffer.from(bytes).toString('base64url');

// A record system's signing keys and the trust list file that names them for --cds-jwks.
export function makeIssuer(iss = 'https://ehr.example.org') {
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keys = [
    { ...ec.publicKey.export({ format: 'jwk' }), kid: 'ec-1', alg: 'ES384', use: 'sig' },
    { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'rsa-1', alg: 'RS384', use: 'sig' },
  ];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fossa-cds-'));
  const file = path.join(dir, 'trust.json');
  writeFileSync(file, JSON.stringify({ issuers: [{ iss, keys }] }));
  return { iss, file, ec: ec.privateKey, rsa: rsa.privateKey };
}

// A signed JWT (CDS Hooks 2.0.1 "Trusting CDS Clients"); `claims` and `header` override the defaults.
export function token(issuer, aud, { alg = 'ES384', claims = {}, header = {} } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const head = { alg, typ: 'JWT', kid: alg === 'ES384' ? 'ec-1' : 'rsa-1', ...header };
  const body = { iss: issuer.iss, aud, exp: now + 300, iat: now, jti: randomUUID(), ...claims };
  const signed = `${b64url(JSON.stringify(head))}.${b64url(JSON.stringify(body))}`;
  const key = alg === 'ES384' ? issuer.ec : issuer.rsa;
  const signature = sign('sha384', Buffer.from(signed), alg === 'ES384' ? { key, dsaEncoding: 'ieee-p1363' } : key);
  return `${signed}.${b64url(signature)}`;
}

export const QUESTIONNAIRE = 'urn:fossa:fhir:Questionnaire:fossa-interview';

// A chart: the Patient, and the person's answers as a QuestionnaireResponse (flat linkIds).
export function chart(patientId, answers, { birthDate = '1980-05-17', gender = 'female', observations = [], conditions = [] } = {}) {
  const item = Object.entries(answers).map(([linkId, value]) => {
    if (value === null) return { linkId };
    if (typeof value === 'boolean') return { linkId, answer: [{ valueBoolean: value }] };
    if (typeof value === 'number') return { linkId, answer: [{ valueInteger: value }] };
    return { linkId, answer: [{ valueCoding: { system: `urn:fossa:answer:${linkId}`, code: value } }] };
  });
  const searchset = (resources) => ({ resourceType: 'Bundle', type: 'searchset', entry: resources.map((resource) => ({ resource })) });
  return {
    patient: { resourceType: 'Patient', id: patientId, birthDate, gender },
    conditions: searchset(conditions),
    observations: searchset(observations),
    questionnaireResponse: searchset([{
      resourceType: 'QuestionnaireResponse', id: `qr-${patientId}`, questionnaire: QUESTIONNAIRE, status: 'completed',
      subject: { reference: `Patient/${patientId}` }, authored: '2026-11-30T09:00:00Z', item,
    }]),
  };
}

// A patient-view call for `patientId` with `prefetch`.
export function patientView(patientId, prefetch) {
  return {
    hook: 'patient-view',
    hookInstance: randomUUID(),
    fhirServer: 'https://ehr.example.org/fhir',
    context: { userId: 'Practitioner/gp-1', patientId },
    prefetch,
  };
}
