// handleSummary as k6 users write it: the jslib's textSummary on stdout, the data as JSON in a file, a line on stderr.
import http from 'k6/http';
import { check } from 'k6';
import { textSummary } from 'https://jslib.k6.io/k6-summary/0.0.2/index.js';

export const options = {
  vus: 1,
  iterations: 4,
  summaryTrendStats: ['avg', 'p(99)', 'count'],
  thresholds: { 'http_req_duration{name:health}': ['p(99)<5000'] },
};

export function setup() {
  return { token: 'from-setup' };
}

export default function () {
  const res = http.get(`${__ENV.BASE_URL}/api/health`, { tags: { name: 'health' } });
  check(res, { 'health is 200': (r) => r.status === 200 });
}

export function handleSummary(data) {
  return {
    stdout: textSummary(data, { indent: '→', enableColors: false }),
    stderr: `requests=${data.metrics.http_reqs.values.count} setup=${data.setup_data.token}\n`,
    [`${__ENV.OUT_DIR}/summary.json`]: JSON.stringify(data),
  };
}
