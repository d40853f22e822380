// k6/http's parameters that change how a request is recorded: expected statuses, tags, and http.url's name.
import http from 'k6/http';
import { check } from 'k6';

const BASE_URL = __ENV.BASE_URL;

export const options = {
  iterations: 2,
  thresholds: {
    http_req_failed: ['rate==0'],
    'http_reqs{kind:tagged}': ['count==2'],
  },
};

export default function () {
  const missing = http.get(`${BASE_URL}/api/specs/nope`, { responseCallback: http.expectedStatuses(200, { min: 404, max: 404 }) });
  check(missing, { 'a 404 that was expected': (r) => r.status === 404 });
  const tagged = http.get(`${BASE_URL}/api/health`, { tags: { kind: 'tagged' } });
  check(tagged, { 'health body as json': (r) => r.json('status') !== undefined });
  const id = '001';
  http.setResponseCallback(http.expectedStatuses(200, 404));
  const named = http.get(http.url`${BASE_URL}/api/specs/${id}`);
  check(named, { 'named request answered': (r) => r.status === 200 || r.status === 404 });
}
