// A handleSummary that throws: k6 reports the error and prints its default summary instead.
import http from 'k6/http';

export const options = { vus: 1, iterations: 2 };

export default function () {
  http.get(`${__ENV.BASE_URL}/api/health`);
}

export function handleSummary(data) {
  throw new Error('no summary today');
}
