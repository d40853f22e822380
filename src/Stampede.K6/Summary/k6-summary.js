// Stampede's stand-in for k6's jslib "k6-summary": the same exports, laid out by the host in C# so that a
// script's summary and the CLI's default one match line for line. The runtime provides the two globals.

function stringify(value) {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export function textSummary(data, options) {
  return __stampede_textSummary(JSON.stringify(data), stringify(options));
}

export function jUnit(data, options) {
  return __stampede_junit(JSON.stringify(data), stringify(options));
}
