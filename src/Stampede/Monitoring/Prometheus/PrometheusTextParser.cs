using System.Globalization;
using System.Text;

namespace Stampede.Monitoring.Prometheus;

/// <summary>
/// Parses the Prometheus text exposition format (0.0.4) and OpenMetrics 1.0: <c># HELP</c>/<c># TYPE</c> and other
/// comments, labels with <c>\\</c>, <c>\"</c> and <c>\n</c> escapes, <c>+Inf</c>/<c>-Inf</c>/<c>NaN</c>, optional
/// timestamps, OpenMetrics exemplars (skipped) and <c># EOF</c>, and quoted UTF-8 metric names
/// (<c>{"my.metric",a="b"} 1</c>). Histograms and summaries arrive as their <c>_bucket</c>/<c>_sum</c>/<c>_count</c>
/// series. A malformed line is skipped and reported in <see cref="PrometheusExposition.Errors"/>; the rest still counts.
/// </summary>
public static class PrometheusTextParser
{
    /// <summary>Parses <paramref name="text"/>; never throws for bad input.</summary>
    public static PrometheusExposition Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        var types = new Dictionary<string, PrometheusMetricType>(StringComparer.Ordinal);
        var errors = new List<string>();
        var lineNumber = 0;
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.IsEmpty)
            {
                continue;
            }

            if (line[0] == '#')
            {
                if (line.SequenceEqual("# EOF"))
                {
                    break;
                }

                ReadComment(line, types);
                continue;
            }

            var reader = new LineReader(line.ToString());
            if (reader.ReadSample() is { } sample)
            {
                samples.Add(sample);
            }
            else
            {
                errors.Add($"line {lineNumber}: {reader.Error}");
            }
        }

        return new PrometheusExposition { Samples = samples, Types = types, Errors = errors };
    }

    /// <summary>Parses a sample value: a number, <c>+Inf</c>, <c>-Inf</c>, <c>Inf</c> or <c>NaN</c> (any case).</summary>
    public static bool TryParseValue(ReadOnlySpan<char> text, out double value)
    {
        if (text.Equals("+Inf", StringComparison.OrdinalIgnoreCase) || text.Equals("Inf", StringComparison.OrdinalIgnoreCase))
        {
            value = double.PositiveInfinity;
            return true;
        }

        if (text.Equals("-Inf", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NegativeInfinity;
            return true;
        }

        if (text.Equals("NaN", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        // Plain decimal or exponent notation only: .NET's own "Infinity" spellings are not part of the format.
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !double.IsNaN(value) && !double.IsInfinity(value);
    }

    private static void ReadComment(ReadOnlySpan<char> line, Dictionary<string, PrometheusMetricType> types)
    {
        // "# TYPE name type"; HELP, UNIT and free comments carry nothing a sample needs.
        var rest = line[1..].TrimStart();
        if (!rest.StartsWith("TYPE ") && !rest.StartsWith("TYPE\t"))
        {
            return;
        }

        rest = rest[4..].Trim();
        var split = rest.IndexOfAny(' ', '\t');
        if (split <= 0)
        {
            return;
        }

        var name = rest[..split].ToString();
        var type = rest[split..].Trim().ToString().ToLowerInvariant() switch
        {
            "counter" => PrometheusMetricType.Counter,
            "gauge" => PrometheusMetricType.Gauge,
            "histogram" => PrometheusMetricType.Histogram,
            "gaugehistogram" => PrometheusMetricType.GaugeHistogram,
            "summary" => PrometheusMetricType.Summary,
            "info" or "stateset" => PrometheusMetricType.Info,
            _ => PrometheusMetricType.Untyped,
        };
        types[name.Length > 1 && name[0] == '"' && name[^1] == '"' ? name[1..^1] : name] = type;
    }

    private sealed class LineReader(string line)
    {
        private int _at;

        public string Error { get; private set; } = "";

        public PrometheusSample? ReadSample()
        {
            string? name = null;
            if (Peek() != '{')
            {
                name = ReadName();
                if (name is null)
                {
                    return Fail("expected a metric name");
                }
            }

            var labels = new List<KeyValuePair<string, string>>();
            var spaces = SkipSpaces();
            if (Peek() == '{')
            {
                _at++;
                if (!ReadLabels(labels, ref name))
                {
                    return null;
                }

                spaces = SkipSpaces();
            }

            if (name is null)
            {
                return Fail("expected a metric name");
            }

            if (spaces == 0)
            {
                return Fail("expected a space before the value");
            }

            if (!TryParseValue(ReadToken(), out var value))
            {
                return Fail("expected a number, +Inf, -Inf or NaN as the value");
            }

            double? timestamp = null;
            SkipSpaces();
            if (_at < line.Length && line[_at] != '#')
            {
                if (!double.TryParse(ReadToken(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ts))
                {
                    return Fail("expected a timestamp after the value");
                }

                timestamp = ts;
                SkipSpaces();
            }

            // What may follow is an OpenMetrics exemplar ("# {trace_id="…"} 0.5"), which we do not keep.
            if (_at < line.Length && line[_at] != '#')
            {
                return Fail($"unexpected '{line[_at..]}' after the value");
            }

            return new PrometheusSample(name, labels, value, timestamp);
        }

        private bool ReadLabels(List<KeyValuePair<string, string>> labels, ref string? name)
        {
            while (true)
            {
                SkipSpaces();
                if (Peek() == '}')
                {
                    _at++;
                    return true;
                }

                var quoted = Peek() == '"';
                var key = quoted ? ReadQuoted() : ReadName();
                if (key is null)
                {
                    Fail(quoted ? Error : "expected a label name");
                    return false;
                }

                SkipSpaces();
                if (Peek() == '=')
                {
                    _at++;
                    SkipSpaces();
                    if (Peek() != '"')
                    {
                        Fail($"expected a quoted value for label '{key}'");
                        return false;
                    }

                    var value = ReadQuoted();
                    if (value is null)
                    {
                        return false;
                    }

                    labels.Add(new(key, value));
                }
                else if (quoted && name is null)
                {
                    name = key;   // {"utf8.metric.name", label="x"}
                }
                else
                {
                    Fail($"expected '=' after label '{key}'");
                    return false;
                }

                SkipSpaces();
                switch (Peek())
                {
                    case ',':
                        _at++;
                        break;
                    case '}':
                        break;
                    default:
                        Fail("expected ',' or '}' in the labels");
                        return false;
                }
            }
        }

        private string? ReadName()
        {
            var start = _at;
            while (_at < line.Length && (char.IsAsciiLetterOrDigit(line[_at]) || line[_at] is '_' or ':'))
            {
                _at++;
            }

            return _at == start || char.IsAsciiDigit(line[start]) ? null : line[start.._at];
        }

        private string? ReadQuoted()
        {
            _at++;   // opening quote
            var text = new StringBuilder();
            while (_at < line.Length)
            {
                var c = line[_at++];
                if (c == '"')
                {
                    return text.ToString();
                }

                if (c == '\\' && _at < line.Length)
                {
                    var escaped = line[_at++];
                    text.Append(escaped switch
                    {
                        'n' => '\n',
                        '\\' => '\\',
                        '"' => '"',
                        _ => escaped,
                    });
                    if (escaped is not ('n' or '\\' or '"'))
                    {
                        text.Insert(text.Length - 1, '\\');   // unknown escapes stay as written
                    }
                }
                else
                {
                    text.Append(c);
                }
            }

            Error = "unterminated quoted string";
            return null;
        }

        private ReadOnlySpan<char> ReadToken()
        {
            var start = _at;
            while (_at < line.Length && line[_at] is not (' ' or '\t'))
            {
                _at++;
            }

            return line.AsSpan(start, _at - start);
        }

        private int SkipSpaces()
        {
            var start = _at;
            while (_at < line.Length && line[_at] is ' ' or '\t')
            {
                _at++;
            }

            return _at - start;
        }

        private char Peek() => _at < line.Length ? line[_at] : '\0';

        private PrometheusSample? Fail(string message)
        {
            Error = message;
            return null;
        }
    }
}
