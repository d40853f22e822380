using System.Globalization;

namespace Stampede.Thresholds;

/// <summary>
/// Hand-written scanner for <c>aggregation operator number</c>, so that every error can say where it is and what
/// was expected instead of "invalid threshold".
/// </summary>
internal static class ThresholdExpressionParser
{
    private const string What = "expression";

    private static readonly HashSet<string> TimeUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        "ns", "us", "µs", "ms", "s", "sec", "secs", "second", "seconds", "m", "min", "mins", "minute", "minutes", "h",
    };

    public static ThresholdParseResult<ThresholdExpression> Parse(string? text)
    {
        text ??= string.Empty;
        var pos = SkipSpaces(text, 0);
        if (pos == text.Length)
        {
            return Fail($"empty threshold expression: expected an aggregation ({AggregationExtensions.Expected}) at column {pos}", pos);
        }

        var wordEnd = WordEnd(text, pos);
        var word = text[pos..wordEnd];
        double? percentile = null;
        Aggregation aggregation;
        switch (word)
        {
            case "avg": aggregation = Aggregation.Avg; break;
            case "min": aggregation = Aggregation.Min; break;
            case "max": aggregation = Aggregation.Max; break;
            case "med": aggregation = Aggregation.Med; break;
            case "rate": aggregation = Aggregation.Rate; break;
            case "count": aggregation = Aggregation.Count; break;
            case "value": aggregation = Aggregation.Value; break;
            case "p":
                aggregation = Aggregation.Percentile;
                var afterP = ParsePercentile(text, wordEnd, out var p, out var error);
                if (error is not null)
                {
                    return ThresholdParseResult<ThresholdExpression>.Failure(error.Message, error.Column);
                }

                percentile = p;
                wordEnd = afterP;
                break;
            default:
                return Fail(
                    $"expected an aggregation ({AggregationExtensions.Expected}) at column {pos}, found {FoundText.At(text, pos, What)}{AggregationHint(word)}",
                    pos);
        }

        var aggregationText = aggregation.Display(percentile);
        var opPos = SkipSpaces(text, wordEnd);
        var op = ReadOperator(text, opPos, out var opLength);
        if (op is null)
        {
            return Fail(
                $"expected an operator ({ComparisonOperatorExtensions.Expected}) after '{aggregationText}' at column {opPos}, found {FoundText.At(text, opPos, What)}{OperatorHint(text, opPos)}",
                opPos);
        }

        var opText = text.Substring(opPos, opLength);
        var valuePos = SkipSpaces(text, opPos + opLength);
        var valueEnd = ScanNumber(text, valuePos);
        if (valueEnd < 0)
        {
            return Fail($"expected a number after '{opText}' at column {valuePos}, found {FoundText.At(text, valuePos, What)}", valuePos);
        }

        var valueText = text[valuePos..valueEnd];
        var value = double.Parse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(value))
        {
            return Fail($"the value {valueText} at column {valuePos} is out of range", valuePos);
        }

        var trailing = SkipSpaces(text, valueEnd);
        if (trailing < text.Length)
        {
            var found = FoundText.At(text, trailing, What);
            var unexpected = $"unexpected {found} after the value {valueText} at column {trailing}";
            var trailingWord = text[trailing..WordEnd(text, trailing)];
            if (TimeUnits.Contains(trailingWord))
            {
                return Fail($"{unexpected}: thresholds take plain numbers (milliseconds for time metrics)", trailing);
            }

            if (text[trailing] == '%')
            {
                return Fail($"{unexpected}: thresholds take plain numbers (rates are fractions: 1% is 0.01)", trailing);
            }

            return Fail($"{unexpected}: expected the end of the expression", trailing);
        }

        return ThresholdParseResult<ThresholdExpression>.Success(new ThresholdExpression(aggregation, percentile, op.Value, value, text));
    }

    /// <summary>Parses <c>(N)</c> after <c>p</c>; returns the position after ')'.</summary>
    private static int ParsePercentile(string text, int pos, out double percentile, out ThresholdSyntaxError? error)
    {
        percentile = 0;
        error = null;
        var open = SkipSpaces(text, pos);
        if (open >= text.Length || text[open] != '(')
        {
            error = new($"expected '(' after 'p' at column {open}, found {FoundText.At(text, open, What)}: write percentiles as p(95)", open);
            return open;
        }

        var numberPos = SkipSpaces(text, open + 1);
        var numberEnd = ScanNumber(text, numberPos);
        if (numberEnd < 0)
        {
            error = new($"expected a percentile number inside p(...) at column {numberPos}, found {FoundText.At(text, numberPos, What)}", numberPos);
            return numberPos;
        }

        var numberText = text[numberPos..numberEnd];
        percentile = double.Parse(numberText, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!(percentile > 0 && percentile <= 100))
        {
            error = new($"percentile must be in (0, 100], got {numberText} at column {numberPos}", numberPos);
            return numberPos;
        }

        var close = SkipSpaces(text, numberEnd);
        if (close >= text.Length || text[close] != ')')
        {
            error = new($"expected ')' after the percentile {numberText} at column {close}, found {FoundText.At(text, close, What)}", close);
            return close;
        }

        return close + 1;
    }

    private static ComparisonOperator? ReadOperator(string text, int pos, out int length)
    {
        var rest = text.AsSpan(pos);
        (ComparisonOperator? op, length) = rest switch
        {
            // Longest first: "===" before "==", "<=" before "<".
            _ when rest.StartsWith("===") => (ComparisonOperator.Equal, 3),
            _ when rest.StartsWith("==") => (ComparisonOperator.Equal, 2),
            _ when rest.StartsWith("!=") => (ComparisonOperator.NotEqual, 2),
            _ when rest.StartsWith("<=") => (ComparisonOperator.LessThanOrEqual, 2),
            _ when rest.StartsWith(">=") => (ComparisonOperator.GreaterThanOrEqual, 2),
            _ when rest.StartsWith("<") => (ComparisonOperator.LessThan, 1),
            _ when rest.StartsWith(">") => (ComparisonOperator.GreaterThan, 1),
            _ => ((ComparisonOperator?)null, 0),
        };
        return op;
    }

    /// <summary>
    /// Scans [+-]digits[.digits][e[+-]digits] (either side of the point may be empty, not both); returns the end, or
    /// -1 when there is no number at <paramref name="pos"/>. An 'e' without exponent digits is left for the caller
    /// to reject as trailing text. No NaN, Infinity or hex: they are never what a user meant.
    /// </summary>
    private static int ScanNumber(string text, int pos)
    {
        var i = pos;
        if (i < text.Length && text[i] is '+' or '-')
        {
            i++;
        }

        var digits = 0;
        for (; i < text.Length && char.IsAsciiDigit(text[i]); i++)
        {
            digits++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            for (; i < text.Length && char.IsAsciiDigit(text[i]); i++)
            {
                digits++;
            }
        }

        if (digits == 0)
        {
            return -1;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < text.Length && text[j] is '+' or '-')
            {
                j++;
            }

            var exponentStart = j;
            while (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                j++;
            }

            if (j > exponentStart)
            {
                i = j;
            }
        }

        return i;
    }

    private static string AggregationHint(string word)
    {
        if (word.Length > 1 && word[0] is 'p' or 'P' && word.Skip(1).All(c => char.IsAsciiDigit(c)))
        {
            return $": write percentiles as p({word[1..]})";
        }

        return word.ToLowerInvariant() is "avg" or "min" or "max" or "med" or "p" or "rate" or "count" or "value"
            ? ": aggregations are lower-case"
            : string.Empty;
    }

    private static string OperatorHint(string text, int pos)
    {
        if (pos >= text.Length || text[pos] != '=')
        {
            return string.Empty;
        }

        var next = pos + 1 < text.Length ? text[pos + 1] : '\0';
        return next switch
        {
            '>' => ": did you mean '>='?",
            '<' => ": did you mean '<='?",
            _ => ": use '==' to test equality",
        };
    }

    private static int WordEnd(string text, int pos)
    {
        while (pos < text.Length && FoundText.IsWordChar(text[pos]))
        {
            pos++;
        }

        return pos;
    }

    private static int SkipSpaces(string text, int pos)
    {
        while (pos < text.Length && char.IsWhiteSpace(text[pos]))
        {
            pos++;
        }

        return pos;
    }

    private static ThresholdParseResult<ThresholdExpression> Fail(string message, int column) =>
        ThresholdParseResult<ThresholdExpression>.Failure(message, column);
}
