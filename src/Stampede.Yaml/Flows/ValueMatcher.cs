using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Stampede.Yaml.Flows;

/// <summary>
/// What a check expects of a value: exact (<c>201</c>, <c>ok</c>), <c>exists</c>, <c>!exists</c>, a comparison
/// (<c>&gt;0</c>, <c>&lt;300ms</c>, <c>==ok</c>, <c>!=error</c>), <c>contains TEXT</c>, <c>!contains TEXT</c>,
/// <c>matches REGEX</c>, or a list of exact values (any of them).
/// </summary>
internal sealed class ValueMatcher
{
    private readonly Func<object?, bool, bool> _test;

    private ValueMatcher(string description, Func<object?, bool, bool> test)
    {
        Description = description;
        _test = test;
    }

    /// <summary>How the check's default name ends: "is 201", "exists", "&lt;300ms".</summary>
    public string Description { get; }

    public bool Test(object? value, bool found) => _test(value, found);

    public static ValueMatcher AnyOf(IReadOnlyList<ValueMatcher> options) =>
        new($"is one of {string.Join(", ", options.Select(o => o.Description.Replace("is ", "", StringComparison.Ordinal)))}", (v, f) => options.Any(o => o.Test(v, f)));

    /// <summary>Every one of <paramref name="all"/> (a mapping of expectations).</summary>
    public static ValueMatcher AllOf(IReadOnlyList<ValueMatcher> all) =>
        all.Count == 1 ? all[0] : new(string.Join(", ", all.Select(o => o.Description)), (v, f) => all.All(o => o.Test(v, f)));

    /// <summary>The type expectations, as keywords (<c>isArray</c>) and as keys of a mapping (<c>isArray: false</c>).</summary>
    public static readonly IReadOnlyList<string> Types = ["isArray", "isObject", "isNumber", "isString", "isBool", "isNull"];

    /// <summary>The value is (or, when <paramref name="expected"/> is false, is not) of the type <paramref name="type"/> names; a missing value is of none.</summary>
    public static ValueMatcher OfType(string type, bool expected) =>
        new(expected ? type : $"not {type}", (v, f) => f && (TypeOf(v) == type) == expected);

    /// <summary>The length of an array, a string or an object's member count passes <paramref name="inner"/>; other values fail.</summary>
    public static ValueMatcher Length(ValueMatcher inner) =>
        new($"length {inner.Description.Replace("is ", "", StringComparison.Ordinal)}", (v, f) => f && LengthOf(v) is { } n && inner.Test(n, true));

    private static string? TypeOf(object? value) => value switch
    {
        null => "isNull",
        JsonElement { ValueKind: JsonValueKind.Array } => "isArray",
        JsonElement { ValueKind: JsonValueKind.Object } => "isObject",
        JsonElement { ValueKind: JsonValueKind.Number } => "isNumber",
        JsonElement { ValueKind: JsonValueKind.String } => "isString",
        JsonElement { ValueKind: JsonValueKind.True or JsonValueKind.False } => "isBool",
        JsonElement { ValueKind: JsonValueKind.Null } => "isNull",
        int or long or double => "isNumber",
        string => "isString",
        bool => "isBool",
        System.Collections.IList => "isArray",
        _ => null,
    };

    private static int? LengthOf(object? value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.Array } e => e.GetArrayLength(),
        JsonElement { ValueKind: JsonValueKind.Object } e => e.EnumerateObject().Count(),
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString()!.Length,
        string s => s.Length,
        System.Collections.ICollection c => c.Count,
        _ => null,
    };

    /// <summary>Parses the expectation <paramref name="text"/>; <paramref name="quoted"/> text never compares as a number (write <c>== exists</c> to match the word itself).</summary>
    public static ValueMatcher? Parse(string text, bool quoted, bool isDuration, out string? error)
    {
        error = null;
        var t = text.Trim();
        // Keywords work quoted or not (YAML users quote defensively); only a bare number compares as a number.
        {
            switch (t)
            {
                case "exists":
                    return new ValueMatcher("exists", (_, found) => found);
                case "!exists":
                    return new ValueMatcher("does not exist", (_, found) => !found);
                case var type when Types.Contains(type):
                    return OfType(type, true);
            }

            foreach (var op in new[] { ">=", "<=", "==", "!=", ">", "<" })
            {
                if (!t.StartsWith(op, StringComparison.Ordinal))
                {
                    continue;
                }

                var operand = t[op.Length..].Trim();
                if (op is "==" or "!=" && !TryNumber(operand, isDuration, out _))
                {
                    var negate = op == "!=";
                    return new ValueMatcher($"{op}{operand}", (v, f) => f && string.Equals(ResponseValue.Format(v), operand, StringComparison.Ordinal) != negate);
                }

                if (!TryNumber(operand, isDuration, out var limit))
                {
                    error = $"expected a number after '{op}' in '{t}'" + (isDuration ? " (a duration such as 300ms)" : "");
                    return null;
                }

                Func<double, bool> compare = op switch
                {
                    ">=" => x => x >= limit,
                    "<=" => x => x <= limit,
                    ">" => x => x > limit,
                    "<" => x => x < limit,
                    "==" => x => x == limit,
                    _ => x => x != limit,
                };
                return new ValueMatcher($"{op}{operand}", (v, f) => f && ToNumber(v) is { } x && compare(x));
            }

            if (t.StartsWith("contains ", StringComparison.Ordinal) || t.StartsWith("!contains ", StringComparison.Ordinal))
            {
                var negate = t[0] == '!';
                var needle = t[(t.IndexOf(' ', StringComparison.Ordinal) + 1)..];
                return new ValueMatcher(negate ? $"does not contain '{needle}'" : $"contains '{needle}'",
                    (v, f) => (f && ResponseValue.Format(v).Contains(needle, StringComparison.Ordinal)) != negate);
            }

            if (t.StartsWith("matches ", StringComparison.Ordinal))
            {
                var pattern = t["matches ".Length..];
                Regex regex;
                try
                {
                    regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                }
                catch (ArgumentException exception)
                {
                    error = $"bad regular expression '{pattern}': {exception.Message}";
                    return null;
                }

                return new ValueMatcher($"matches {pattern}", (v, f) => f && regex.IsMatch(ResponseValue.Format(v)));
            }
        }

        if (!quoted && TryNumber(t, false, out var exact))
        {
            return new ValueMatcher($"is {t}", (v, f) => f && ToNumber(v) is { } x && x == exact);
        }

        return new ValueMatcher($"is {t}", (v, f) => f && string.Equals(ResponseValue.Format(v), t, StringComparison.Ordinal));
    }

    private static bool TryNumber(string text, bool isDuration, out double value)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        if (isDuration && Plans.Duration.TryParse(text, out var duration, out _))
        {
            value = duration.TotalMilliseconds;
            return true;
        }

        return false;
    }

    internal static double? ToNumber(object? value) => value switch
    {
        int i => i,
        double d => d,
        long l => l,
        JsonElement { ValueKind: JsonValueKind.Number } e => e.GetDouble(),
        JsonElement { ValueKind: JsonValueKind.String } e when double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };
}
