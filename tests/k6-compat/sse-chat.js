// The shape of our users' SSE chat suite: ramp-up and spike scenarios sized by VUS and DURATION, each VU posting a
// chat turn to the streaming endpoint and reading the answer through the SSE extension's API.
import sse from 'k6/x/sse';
import { check, sleep } from 'k6';
import { Trend, Counter } from 'k6/metrics';

const BASE_URL = __ENV.BASE_URL;
const VUS = parseInt(__ENV.VUS || '2');
const DURATION = __ENV.DURATION || '3s';

const timeToFirstEvent = new Trend('chat_time_to_first_event', true);
const tokens = new Counter('chat_tokens');

export const options = {
  scenarios: {
    ramp_up: {
      executor: 'ramping-vus',
      startVUs: 1,
      stages: [{ duration: DURATION, target: VUS }],
      gracefulRampDown: '5s',
      tags: { profile: 'ramp' },
    },
    spike: {
      executor: 'constant-vus',
      vus: VUS,
      duration: DURATION,
      startTime: '1s',
      gracefulStop: '5s',
      tags: { profile: 'spike' },
    },
  },
  thresholds: {
    checks: ['rate==1'],
    sse_event: ['count>0'],
    chat_time_to_first_event: ['p(95)<5000'],
  },
};

export default function () {
  const started = Date.now();
  let first = null;
  let opened = false;
  let received = 0;
  let done = null;
  const errors = [];
  const params = {
    method: 'POST',
    body: JSON.stringify({ message: `question ${__VU}-${__ITER}` }),
    headers: { 'Content-Type': 'application/json' },
    tags: { name: 'chat' },
  };
  const response = sse.open(`${BASE_URL}/api/chat`, params, function (client) {
    client.on('open', function () {
      opened = true;
    });
    client.on('event', function (event) {
      if (first === null) {
        first = Date.now() - started;
        timeToFirstEvent.add(first);
      }
      if (event.name === 'token') {
        received++;
        tokens.add(1);
      } else if (event.name === 'done') {
        done = JSON.parse(event.data);
        client.close();
      }
    });
    client.on('error', function (e) {
      errors.push(e.error());
    });
  });

  check(response, {
    'stream status 200': (r) => r.status === 200,
    'event-stream content type': (r) => r.headers['Content-Type'].startsWith('text/event-stream'),
  });
  check(done, {
    'opened before events': () => opened,
    'tokens streamed': () => received > 0,
    'done counts the tokens': (d) => d !== null && d.tokens === received,
    'no stream errors': () => errors.length === 0,
  });
  sleep(0.2);
}
