// One segment of a split run initialises only its own share of the VUs before the start.
import exec from 'k6/execution';
import { check } from 'k6';

export const options = { scenarios: { s: { executor: 'per-vu-iterations', vus: 8, iterations: 1 } } };

export default function () {
  check(exec.instance, { 'own share initialised': (i) => i.vusInitialized === Number(__ENV.EXPECTED_VUS) });
}
