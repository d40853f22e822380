using System.Globalization;

namespace Stampede.Outputs;

/// <summary>
/// File names that depend on the run: <c>{plan}</c> becomes the plan's name (made safe for file names) and
/// <c>{time}</c> the local start time as <c>YYYY-MM-DD_HH-MM</c>, so <c>--out-dir</c> can name every output
/// <c>&lt;plan&gt;_&lt;YYYY-MM-DD_HH-MM&gt;.&lt;ext&gt;</c> before the plan is known.
/// </summary>
public static class OutputPath
{
    /// <summary>The placeholder for the plan's name.</summary>
    public const string Plan = "{plan}";

    /// <summary>The placeholder for the run's local start time.</summary>
    public const string Time = "{time}";

    /// <summary>The standard name of a run's outputs: <c>{plan}_{time}</c>.</summary>
    public const string StandardName = Plan + "_" + Time;

    /// <summary><paramref name="template"/> with its placeholders filled in.</summary>
    public static string Resolve(string template, string plan, DateTimeOffset localStart)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (!template.Contains('{', StringComparison.Ordinal))
        {
            return template;
        }

        var safe = string.Concat((plan ?? "run").Select(c => Path.GetInvalidFileNameChars().Contains(c) || char.IsWhiteSpace(c) ? '-' : c));
        return template
            .Replace(Plan, safe.Length == 0 ? "run" : safe, StringComparison.Ordinal)
            .Replace(Time, localStart.ToString("yyyy-MM-dd_HH-mm", CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>Fills in <paramref name="template"/> for a finished run.</summary>
    public static string Resolve(string template, Metrics.RunResult result) =>
        Resolve(template, result.Meta.Plan, result.Meta.StartedAt.ToLocalTime());
}
