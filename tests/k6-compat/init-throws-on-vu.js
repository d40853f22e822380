// An init context that throws in one VU only: k6 stops before the test starts, with exit code 107.
import { check } from 'k6';

if (__VU === 3) {
  throw new Error('VU 3 cannot start');
}

export const options = { vus: 4, duration: '5s' };

export default function () {
  check(true, { ran: (v) => v });
}
