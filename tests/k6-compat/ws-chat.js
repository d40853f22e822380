// The shape of our users' 1,000-VU WebSocket chat test, scaled down for CI: VUs ramp up in stages, each asks the
// chat a question over a WebSocket and checks the streamed reply; a second scenario polls the target's /metrics
// and checks its backend loop frequency, judged by a checks{type:hz} threshold.
//   stampede run ws-chat.js -e BASE_URL=http://127.0.0.1:5000 -e VUS=1000 -e DURATION=5m
import ws from 'k6/ws';
import http from 'k6/http';
import { check, sleep } from 'k6';
import { Rate, Trend, Gauge } from 'k6/metrics';

const BASE_URL = __ENV.BASE_URL || 'http://127.0.0.1:5000';
const WS_URL = BASE_URL.replace(/^http/, 'ws') + '/api/chat';
const VUS = parseInt(__ENV.VUS || '20', 10);
const DURATION = __ENV.DURATION || '3s';
const RAMP = __ENV.RAMP || '1s';

const errorRate = new Rate('error_rate');
const replyTokens = new Trend('reply_tokens');
const backendHz = new Gauge('backend_loop_hz');

function seconds(text) {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(text);
  if (!match) throw new Error(`not a duration: ${text}`);
  const n = parseFloat(match[1]);
  return match[2] === 'ms' ? n / 1000 : match[2] === 'm' ? n * 60 : n;
}

export const options = {
  scenarios: {
    chat: {
      executor: 'ramping-vus',
      exec: 'chat',
      startVUs: 0,
      stages: [
        { duration: RAMP, target: VUS },
        { duration: DURATION, target: VUS },
        { duration: RAMP, target: 0 },
      ],
      gracefulRampDown: '10s',
    },
    backend: {
      executor: 'constant-vus',
      exec: 'pollBackend',
      vus: 1,
      duration: `${2 * seconds(RAMP) + seconds(DURATION)}s`,
    },
  },
  thresholds: {
    error_rate: ['rate<0.05'],
    'checks{type:hz}': ['rate>0.9'],
    'checks{type:chat}': ['rate>0.95'],
    ws_connecting: ['p(95)<2000'],
  },
};

export function chat() {
  let started = false;
  let tokens = 0;
  let ended = false;
  let failed = false;
  const res = ws.connect(WS_URL, { tags: { name: 'chat' } }, (socket) => {
    socket.on('open', () => socket.send(JSON.stringify({ message: `What is the status of mission ${__VU}-${__ITER}?` })));
    socket.on('message', (raw) => {
      const message = JSON.parse(raw);
      if (message.type === 'start') started = true;
      else if (message.type === 'token') tokens++;
      else if (message.type === 'end') { ended = true; socket.close(); }
      else { failed = true; socket.close(); }
    });
    socket.on('error', () => { failed = true; });
    socket.setTimeout(() => { failed = true; socket.close(); }, 15000);
  });

  const ok = check(res, { 'chat upgraded (101)': (r) => r && r.status === 101 }, { type: 'chat' })
    && check(null, {
      'reply started': () => started,
      'reply streamed tokens': () => tokens > 0,
      'reply ended': () => ended && !failed,
    }, { type: 'chat' });
  errorRate.add(!ok);
  replyTokens.add(tokens);
  sleep(0.5);
}

export function pollBackend() {
  const res = http.get(`${BASE_URL}/metrics`, { tags: { name: 'metrics' } });
  const match = /^backend_loop_hz\s+([0-9.eE+-]+)$/m.exec(res.body);
  const hz = match ? parseFloat(match[1]) : 0;
  backendHz.add(hz);
  check(hz, { hz: (h) => h >= 25 }, { type: 'hz' });
  sleep(1);
}
