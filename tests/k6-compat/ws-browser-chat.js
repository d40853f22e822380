// The chat over k6/experimental/websockets: the browser-style WebSocket, its events, a protocol ping and a guard
// timer from k6/timers. The iteration ends when the socket has closed and the guard is cleared.
import { WebSocket } from 'k6/experimental/websockets';
import { setTimeout, clearTimeout } from 'k6/timers';
import { check } from 'k6';
import { Rate, Counter } from 'k6/metrics';

const BASE_URL = __ENV.BASE_URL || 'http://127.0.0.1:5000';
const WS_URL = BASE_URL.replace(/^http/, 'ws') + '/api/chat';

const errorRate = new Rate('error_rate');
const tokensReceived = new Counter('tokens_received');

export const options = {
  scenarios: {
    chat: { executor: 'per-vu-iterations', vus: parseInt(__ENV.VUS || '5', 10), iterations: 2, maxDuration: '30s' },
  },
  thresholds: {
    error_rate: ['rate==0'],
    'checks{type:chat}': ['rate==1'],
    ws_ping: ['p(95)<2000'],
  },
};

export default function () {
  const ws = new WebSocket(WS_URL, null, { tags: { name: 'chat' } });
  let pongs = 0;
  let tokens = 0;
  let ended = false;
  let errors = 0;
  const guard = setTimeout(() => { errors++; ws.close(); }, 15000);

  ws.onopen = () => {
    ws.ping();
    ws.send(JSON.stringify({ message: 'How far is the next waypoint?' }));
  };
  ws.onpong = () => { pongs++; };
  ws.addEventListener('message', (event) => {
    const message = JSON.parse(event.data);
    if (message.type === 'token') { tokens++; tokensReceived.add(1); }
    if (message.type === 'end') { ended = true; ws.close(); }
  });
  ws.onerror = () => { errors++; };
  ws.onclose = (event) => {
    clearTimeout(guard);
    const ok = check(event, {
      'closed normally': (e) => e.code === 1000,
      'pong before the reply ended': () => pongs === 1,
      'reply streamed to its end': () => ended && tokens > 0,
    }, { type: 'chat' });
    errorRate.add(!ok || errors > 0);
  };
}
