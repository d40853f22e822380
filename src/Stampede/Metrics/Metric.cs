namespace Stampede.Metrics;

/// <summary>A named metric: what is measured and how it aggregates. Samples are recorded into its series.</summary>
/// <param name="Name">The metric's name, e.g. <c>http_req_duration</c>.</param>
/// <param name="Kind">How samples aggregate.</param>
/// <param name="Unit">What a value measures; trends in <see cref="MetricUnit.Time"/> take milliseconds.</param>
public sealed record Metric(string Name, MetricKind Kind, MetricUnit Unit = MetricUnit.None)
{
    /// <summary>True when <paramref name="name"/> is a valid metric name: a letter or underscore, then letters, digits, underscores or dots.</summary>
    public static bool IsValidName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 128 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c == '.'))
            {
                return false;
            }
        }

        return true;
    }
}
