// A response read after later requests keeps its own headers, timings and request (they are built on first read).
import http from 'k6/http';
import { check } from 'k6';

export const options = { iterations: 2, vus: 1 };

export default function () {
  const first = http.get(`${__ENV.BASE_URL}/api/health`);
  const second = http.get(`${__ENV.BASE_URL}/no-such-page`);
  check(first, {
    'first keeps its request': (r) => r.request.method === 'GET' && r.request.url.endsWith('/api/health'),
    'first keeps its timings': (r) => r.timings.duration > 0 && Object.keys(r.timings).length === 7,
    'first keeps its headers': (r) => r.headers['Content-Type'].startsWith('application/json'),
    'first status text': (r) => r.status_text === '200 OK',
    'headers serialise': (r) => JSON.parse(JSON.stringify(r.headers))['Content-Type'] === r.headers['Content-Type'],
  });
  check(second, {
    'second is its own': (r) => r.status === 404 && r.request.url.endsWith('/no-such-page'),
    'second status text': (r) => r.status_text === '404 Not Found',
    'no cookies': (r) => Object.keys(r.cookies).length === 0,
  });
}
