namespace Stampede.Plans;

/// <summary>One stage of a ramp: move linearly to <paramref name="Target"/> (VUs or iterations per time unit) over <paramref name="Duration"/>.</summary>
public sealed record Stage(TimeSpan Duration, double Target)
{
    /// <summary>Parses k6's CLI notation <c>30s:10</c>.</summary>
    public static bool TryParse(string text, out Stage? stage, out string? error)
    {
        stage = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0)
        {
            error = $"expected a stage as DURATION:TARGET (e.g. 30s:10), found '{text}'";
            return false;
        }

        if (!Plans.Duration.TryParse(text[..colon], out var duration, out error))
        {
            return false;
        }

        if (!double.TryParse(text[(colon + 1)..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var target) || target < 0)
        {
            error = $"expected a non-negative target after ':' in stage '{text}'";
            return false;
        }

        stage = new Stage(duration, target);
        return true;
    }
}
