// k6/http's session behaviour: the VU's cookie jar (filled by responses, emptied at each iteration), per-request
// cookies, response.cookies, redirects (per request and options.maxRedirects) and Basic auth from URL credentials.
import http from 'k6/http';
import { check } from 'k6';

const BASE_URL = __ENV.BASE_URL;

export const options = {
  vus: 1,
  iterations: 2,
  maxRedirects: 5,
  thresholds: {
    http_req_failed: ['rate==0'],
    checks: ['rate==1'],
  },
};

function echo(params) {
  return http.get(`${BASE_URL}/api/cookies`, params).json();
}

export default function () {
  check(echo(), { 'jar empty at iteration start': (e) => Object.keys(e.cookies).length === 0 });

  const set = http.get(`${BASE_URL}/api/cookies/set?session=abc`);
  check(set, {
    'response.cookies has the cookie': (r) => r.cookies.session[0].value === 'abc',
    'response cookie attributes': (r) => r.cookies.session[0].path === '/' && r.cookies.session[0].http_only === true && r.cookies.session[0].secure === false,
  });
  check(echo(), { 'jar cookie sent on the next request': (e) => e.cookies.session === 'abc' });
  check(echo({ cookies: { extra: 'x' } }), { 'request cookie sent with the jar': (e) => e.cookies.extra === 'x' && e.cookies.session === 'abc' });
  check(echo({ cookies: { session: { value: 'override', replace: true } } }), {
    'replace: true sends only the request cookie': (e) => e.header === 'session=override',
  });
  check(echo({ cookies: { session: 'dup' } }), {
    'replace: false sends both': (e) => e.header.includes('session=dup') && e.header.includes('session=abc'),
  });

  const jar = http.cookieJar();
  jar.set(BASE_URL, 'manual', 'm1');
  check(jar.cookiesForURL(BASE_URL), { 'jar.set then cookiesForURL': (c) => c.manual[0] === 'm1' && c.session[0] === 'abc' });
  check(echo(), { 'jar.set cookie sent': (e) => e.cookies.manual === 'm1' });
  jar.delete(BASE_URL, 'manual');
  check(jar.cookiesForURL(BASE_URL), { 'jar.delete removes one cookie': (c) => c.manual === undefined && c.session[0] === 'abc' });
  jar.clear(BASE_URL);
  check(echo(), { 'jar.clear empties the jar': (e) => Object.keys(e.cookies).length === 0 });

  const followed = http.get(`${BASE_URL}/api/redirect/3`);
  check(followed, { 'redirects followed': (r) => r.status === 200 && r.url.endsWith('/api/redirect/0') });
  const none = http.get(`${BASE_URL}/api/redirect/3`, { redirects: 0 });
  check(none, { 'redirects: 0 returns the 3xx': (r) => r.status === 302 && r.headers['Location'] === '/api/redirect/2' });
  const one = http.get(`${BASE_URL}/api/redirect/3`, { redirects: 1 });
  check(one, { 'redirects: 1 stops after one hop': (r) => r.status === 302 && r.url.endsWith('/api/redirect/2') });
  const capped = http.get(`${BASE_URL}/api/redirect/6`);
  check(capped, { 'options.maxRedirects caps the chain': (r) => r.status === 302 && r.url.endsWith('/api/redirect/1') });

  const withCredentials = BASE_URL.replace('://', '://alice:s3cret@');
  const login = http.get(`${withCredentials}/api/basic-auth/alice/s3cret`, { auth: 'basic' });
  check(login, { 'basic auth from the URL': (r) => r.status === 200 && r.json('user') === 'alice' });
  const refused = http.get(`${BASE_URL}/api/basic-auth/alice/s3cret`, { responseCallback: http.expectedStatuses(401) });
  check(refused, { 'no credentials, 401': (r) => r.status === 401 });
}
