// Every VU's init context runs before the test starts, as in k6: the first iteration already sees them all.
import exec from 'k6/execution';
import { check, sleep } from 'k6';

export const options = {
  scenarios: {
    closed: { executor: 'per-vu-iterations', vus: 4, iterations: 1 },
    open: { executor: 'constant-arrival-rate', rate: 5, timeUnit: '1s', duration: '1s', preAllocatedVUs: 2, maxVUs: 2 },
  },
};

export default function () {
  check(exec.instance, { 'all VUs initialised': (i) => i.vusInitialized === 6 });
}
