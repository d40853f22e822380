// A k6 script as k6 users write it; Stampede runs it unchanged:
//   ./stampede target --port 5000 &
//   ./stampede run examples/k6/api-smoke.js -e BASE_URL=http://127.0.0.1:5000
// What is supported is in docs/k6-compatibility.md.
import http from 'k6/http';
import { check, group, sleep } from 'k6';
import { Trend } from 'k6/metrics';

const BASE_URL = __ENV.BASE_URL || 'http://127.0.0.1:5000';
const listTime = new Trend('mission_list_time', true);

export const options = {
  vus: 2,
  duration: '5s',
  thresholds: {
    http_req_failed: ['rate<0.01'],
    checks: ['rate>0.99'],
  },
};

export default function () {
  group('missions', () => {
    const created = http.post(`${BASE_URL}/api/missions`, JSON.stringify({ name: `mission ${__VU}-${__ITER}`, prompt: 'p', backend: 'mock' }),
      { headers: { 'Content-Type': 'application/json' } });
    check(created, { 'created': (r) => r.status === 201, 'has an id': (r) => r.json('id') !== undefined });
    const list = http.get(`${BASE_URL}/api/missions`);
    listTime.add(list.timings.duration);
    check(list, { 'listed': (r) => r.status === 200 && Array.isArray(r.json()) });
  });
  sleep(0.5);
}
