using System.Globalization;
using System.Text;

namespace Stampede.DemoTarget.Observability;

/// <summary>
/// Writes the Prometheus text exposition format (version 0.0.4): one family header, then its samples.
/// Small on purpose; the demo target does not need a metrics library.
/// </summary>
internal sealed class PrometheusTextWriter(StringBuilder output)
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public void Family(string name, string type, string help)
    {
        output.Append("# HELP ").Append(name).Append(' ');
        foreach (var c in help)
        {
            _ = c switch
            {
                '\\' => output.Append(@"\\"),
                '\n' => output.Append(@"\n"),
                _ => output.Append(c),
            };
        }

        output.Append('\n').Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
    }

    public void Sample(string name, double value, params ReadOnlySpan<(string Name, string Value)> labels)
    {
        output.Append(name);
        if (labels.Length > 0)
        {
            output.Append('{');
            for (var i = 0; i < labels.Length; i++)
            {
                if (i > 0)
                {
                    output.Append(',');
                }

                output.Append(labels[i].Name).Append("=\"");
                AppendLabelValue(labels[i].Value);
                output.Append('"');
            }

            output.Append('}');
        }

        output.Append(' ').Append(FormatValue(value)).Append('\n');
    }

    /// <summary>
    /// Writes a histogram's samples. <paramref name="counts"/> holds the count of each bucket alone (not cumulative),
    /// one per bound; observations above the last bound count only in <paramref name="count"/>.
    /// </summary>
    public void Histogram(string name, double[] bounds, ReadOnlySpan<long> counts, double sum, long count, params ReadOnlySpan<(string Name, string Value)> labels)
    {
        var withLe = new (string Name, string Value)[labels.Length + 1];
        labels.CopyTo(withLe);
        long cumulative = 0;
        for (var i = 0; i < bounds.Length; i++)
        {
            cumulative += counts[i];
            withLe[^1] = ("le", FormatValue(bounds[i]));
            Sample(name + "_bucket", cumulative, withLe);
        }

        withLe[^1] = ("le", "+Inf");
        Sample(name + "_bucket", Math.Max(count, cumulative), withLe);
        Sample(name + "_sum", sum, labels);
        Sample(name + "_count", Math.Max(count, cumulative), labels);
    }

    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private void AppendLabelValue(string value)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => output.Append(@"\\"),
                '"' => output.Append("\\\""),
                '\n' => output.Append(@"\n"),
                _ => output.Append(c),
            };
        }
    }
}
