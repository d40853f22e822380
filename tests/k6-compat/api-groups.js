// One script per API group would be finer; this one touches each group the compatibility table lists as supported.
import http from 'k6/http';
import { check, group, sleep } from 'k6';
import { Counter, Gauge, Rate, Trend } from 'k6/metrics';
import exec from 'k6/execution';
import { SharedArray } from 'k6/data';
import encoding from 'k6/encoding';
import crypto from 'k6/crypto';

const BASE_URL = __ENV.BASE_URL;
const names = new SharedArray('names', () => JSON.parse(open('./names.json')));
const created = new Counter('created');
const lastStatus = new Gauge('last_status');
const ok = new Rate('ok');
const listTime = new Trend('list_time', true);

export const options = {
  scenarios: {
    crud: { executor: 'shared-iterations', vus: 2, iterations: 6, exec: 'crud', tags: { kind: 'crud' } },
    probe: { executor: 'per-vu-iterations', vus: 1, iterations: 2, exec: 'probe' },
  },
  thresholds: {
    'checks{type:hz}': ['rate>0.99'],
    created: ['count>=6'],
    http_req_failed: [{ threshold: 'rate<0.01', abortOnFail: true, delayAbortEval: '1s' }],
  },
  tags: { project: 'compat' },
};

export function setup() {
  return { token: encoding.b64encode('user:pass'), digest: crypto.sha256('abc', 'hex') };
}

export function crud(data) {
  group('missions', () => {
    const name = names[exec.scenario.iterationInTest % names.length];
    const res = http.post(`${BASE_URL}/api/missions`, JSON.stringify({ name, prompt: 'p', backend: 'mock' }),
      { headers: { 'Content-Type': 'application/json', Authorization: `Basic ${data.token}` }, tags: { name: 'create' } });
    if (check(res, { 'created 201': (r) => r.status === 201, 'has id': (r) => r.json('id') !== undefined })) {
      created.add(1);
    }
    lastStatus.add(res.status);
    const list = http.get(`${BASE_URL}/api/missions`);
    listTime.add(list.timings.duration);
    ok.add(list.status === 200);
  });
  sleep(0);
}

export function probe(data) {
  const [a, b] = http.batch([['GET', `${BASE_URL}/api/health`], { method: 'GET', url: `${BASE_URL}/api/specs/search?q=test` }]);
  check(a, { 'health 200': (r) => r.status === 200 }, { type: 'hz' });
  check(b, { 'search array': (r) => Array.isArray(r.json()) }, { type: 'hz' });
  check(data, { 'digest from setup': (d) => d.digest === 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' });
  check(__VU, { 'vu number': (v) => v >= 1 });
}

export function teardown(data) {
  console.log(`teardown with ${data.token}`);
}
