using System.Globalization;

namespace Stampede.Plans;

/// <summary>k6-style durations: <c>500ms</c>, <c>30s</c>, <c>1m30s</c>, <c>2h</c>, <c>1.5m</c>; a bare number is seconds.</summary>
public static class Duration
{
    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what was expected.</summary>
    public static bool TryParse(string? text, out TimeSpan value, out string? error)
    {
        value = TimeSpan.Zero;
        error = null;
        var s = text?.Trim() ?? "";
        if (s.Length == 0)
        {
            error = "expected a duration such as 30s, 1m30s or 500ms, found nothing";
            return false;
        }

        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var bareSeconds))
        {
            return Check(s, bareSeconds * 1000, out value, out error);
        }

        double totalMs = 0;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (start == i || !double.TryParse(s.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                error = $"expected a number at position {start + 1} of duration '{s}' (e.g. 30s, 1m30s, 500ms)";
                return false;
            }

            var unitStart = i;
            while (i < s.Length && char.IsAsciiLetter(s[i]))
            {
                i++;
            }

            var unit = s[unitStart..i];
            double? factor = unit switch
            {
                "ms" => 1,
                "s" => 1000,
                "m" => 60_000,
                "h" => 3_600_000,
                "d" => 86_400_000,
                "us" or "µs" => 0.001,
                _ => null,
            };
            if (factor is null)
            {
                error = unit.Length == 0
                    ? $"expected a unit (ms, s, m, h) after {number} in duration '{s}'"
                    : $"unknown unit '{unit}' in duration '{s}': expected ms, s, m, h or d";
                return false;
            }

            totalMs += number * factor.Value;
        }

        return Check(s, totalMs, out value, out error);
    }

    /// <summary>Parses <paramref name="text"/> or throws <see cref="FormatException"/>.</summary>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>k6's compact notation: <c>1m30s</c>, <c>500ms</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        if (value < TimeSpan.FromSeconds(1))
        {
            return $"{value.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)}ms";
        }

        var parts = new System.Text.StringBuilder();
        if (value.TotalHours >= 1)
        {
            parts.Append((int)value.TotalHours).Append('h');
        }

        if (value.Minutes > 0)
        {
            parts.Append(value.Minutes).Append('m');
        }

        var seconds = value.Seconds + value.Milliseconds / 1000.0;
        if (seconds > 0)
        {
            parts.Append(seconds.ToString("0.###", CultureInfo.InvariantCulture)).Append('s');
        }

        return parts.ToString();
    }

    private static bool Check(string s, double ms, out TimeSpan value, out string? error)
    {
        value = TimeSpan.Zero;
        error = null;
        if (double.IsNaN(ms) || ms < 0)
        {
            error = $"duration '{s}' must not be negative";
            return false;
        }

        if (ms > TimeSpan.FromDays(365).TotalMilliseconds)
        {
            error = $"duration '{s}' is longer than a year";
            return false;
        }

        value = TimeSpan.FromMilliseconds(ms);
        return true;
    }
}
