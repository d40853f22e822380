using System.Globalization;
using System.Text;
using Stampede.Plans;

namespace Stampede.Data.Templates;

/// <summary>
/// Parses the expression inside one <c>{{ … }}</c>. Grammar:
/// <c>literal | path [ "(" [ literal { "," literal } ] ")" ]</c>, where a path is <c>name { "." name | "[" (integer | string) "]" }</c>
/// and a literal is a quoted string, a number, <c>true</c>, <c>false</c> or <c>null</c>.
/// </summary>
internal sealed class TemplateParser
{
    private readonly string _text;
    private readonly int _end;
    private readonly int _offset;
    private int _position;

    private TemplateParser(string text, int start, int end)
    {
        _text = text;
        _position = start;
        _offset = start;
        _end = end;
    }

    /// <summary>Parses <c>text[start..end]</c>; on a problem returns null and sets <paramref name="error"/>.</summary>
    public static TemplateExpression? Parse(string text, int start, int end, out string? error)
    {
        var parser = new TemplateParser(text, start, end);
        try
        {
            var expression = parser.ParseExpression();
            error = null;
            return expression;
        }
        catch (TemplateSyntaxException e)
        {
            error = e.Message;
            return null;
        }
    }

    private TemplateExpression ParseExpression()
    {
        SkipSpace();
        if (AtEnd)
        {
            throw Fail("empty expression: expected a name such as 'vu.id' or 'data.users.email', or a function such as 'random.int(1, 10)'");
        }

        TemplateExpression expression;
        if (TryParseLiteral(out var literal))
        {
            expression = new LiteralExpression(literal);
        }
        else
        {
            var (names, steps, callStart) = ParsePath();
            expression = Resolve(names, steps, callStart);
        }

        SkipSpace();
        if (!AtEnd)
        {
            throw Fail($"unexpected '{_text[_position]}' at position {Column}: expected '}}}}'");
        }

        return expression;
    }

    /// <summary>Reads <c>a.b.c[1]["x"]</c>; the dotted names before the first index are kept apart so built-ins can be recognised.</summary>
    private (List<string> Names, List<PathStep> Steps, int CallStart) ParsePath()
    {
        var names = new List<string> { ReadName() };
        var steps = new List<PathStep>();
        while (true)
        {
            SkipSpace();
            if (Peek == '.')
            {
                _position++;
                SkipSpace();
                var name = ReadName();
                if (steps.Count == 0)
                {
                    names.Add(name);
                }
                else
                {
                    steps.Add(new PathStep(name, 0));
                }
            }
            else if (Peek == '[')
            {
                _position++;
                SkipSpace();
                if (!AtEnd && (char.IsAsciiLetter(Peek) || Peek == '_') && !StartsWithKeyword())
                {
                    // A computed index: [vu.index], [repeat.index], [someCapture].
                    var (innerNames, innerSteps, innerCall) = ParsePath();
                    var computed = Resolve(innerNames, innerSteps, innerCall);
                    SkipSpace();
                    Expect(']');
                    steps.Add(new PathStep(null, 0, computed));
                    continue;
                }

                if (!TryParseLiteral(out var key) || key.Kind is not (TemplateValueKind.Integer or TemplateValueKind.String))
                {
                    throw Fail($"expected an index (a whole number, a quoted key or a name such as vu.index) after '[' at position {Column}");
                }

                SkipSpace();
                Expect(']');
                steps.Add(key.Kind == TemplateValueKind.String
                    ? new PathStep((string)key.AsObject()!, 0)
                    : new PathStep(null, (int)Math.Clamp((long)key.AsObject()!, int.MinValue, int.MaxValue)));
            }
            else
            {
                return (names, steps, Peek == '(' ? _position : -1);
            }
        }
    }

    private TemplateExpression Resolve(List<string> names, List<PathStep> steps, int callStart)
    {
        var root = names[0];
        var dotted = string.Join('.', names);
        List<TemplateValue>? arguments = null;
        if (callStart >= 0)
        {
            arguments = ParseArguments();
        }

        switch (root)
        {
            case "data":
                NoCall(arguments, dotted);
                var all = names.Skip(1).Select(n => new PathStep(n, 0)).Concat(steps).ToList();
                if (all.Count != 2 || all.Any(s => s.Name is null))
                {
                    throw Fail($"'{dotted}{string.Concat(steps)}' does not name a column: expected 'data.<set>.<column>', e.g. 'data.users.email'");
                }

                return new DataExpression(all[0].Name!, all[1].Name!);
            case "setup":
                NoCall(arguments, dotted);
                return new SetupExpression([.. names.Skip(1).Select(n => new PathStep(n, 0)), .. steps]);
            case "env":
                NoCall(arguments, dotted);
                var envSteps = names.Skip(1).Select(n => new PathStep(n, 0)).Concat(steps).ToList();
                if (envSteps.Count != 1 || envSteps[0].Name is null)
                {
                    throw Fail($"'{dotted}{string.Concat(steps)}' does not name a variable: expected 'env.NAME', e.g. 'env.API_KEY'");
                }

                return new EnvExpression(envSteps[0].Name!);
        }

        if (TemplateFunctions.Roots.Contains(root))
        {
            if (steps.Count > 0)
            {
                throw Fail($"'{dotted}' cannot be indexed");
            }

            if (TemplateFunctions.Values.TryGetValue(dotted, out var evaluate))
            {
                if (arguments is { Count: > 0 })
                {
                    throw Fail($"'{dotted}' takes no arguments: write '{dotted}'");
                }

                return new BuiltinExpression(root, evaluate);
            }

            if (TemplateFunctions.Functions.ContainsKey(dotted))
            {
                return Function(dotted, arguments ?? []);
            }

            throw Fail(Unknown(dotted));
        }

        if (arguments is not null)
        {
            throw Fail(Unknown(dotted));
        }

        return new VariableExpression(root, [.. names.Skip(1).Select(n => new PathStep(n, 0)), .. steps]);
    }

    private static string Unknown(string name)
    {
        var suggestion = NameSuggestion.Closest(name, TemplateFunctions.AllNames);
        return suggestion is null
            ? $"unknown function '{name}'"
            : $"unknown function '{name}': did you mean '{suggestion}'?";
    }

    private TemplateExpression Function(string name, List<TemplateValue> arguments)
    {
        var usage = TemplateFunctions.Functions[name];
        switch (name)
        {
            case "random.int":
                {
                    if (arguments.Count != 2 || arguments.Any(a => a.Kind != TemplateValueKind.Integer))
                    {
                        throw Fail($"{name} takes two whole numbers: {usage}, e.g. random.int(1, 10)");
                    }

                    var (min, max) = ((long)arguments[0].AsObject()!, (long)arguments[1].AsObject()!);
                    if (min > max || max == long.MaxValue)
                    {
                        throw Fail($"{name}({min}, {max}): min must not be greater than max");
                    }

                    return new RandomIntExpression(min, max);
                }

            case "random.float":
                {
                    if (arguments.Count != 2 || arguments.Any(a => a.Kind is not (TemplateValueKind.Integer or TemplateValueKind.Real)))
                    {
                        throw Fail($"{name} takes two numbers: {usage}, e.g. random.float(0, 1)");
                    }

                    var min = Convert.ToDouble(arguments[0].AsObject(), CultureInfo.InvariantCulture);
                    var max = Convert.ToDouble(arguments[1].AsObject(), CultureInfo.InvariantCulture);
                    if (min > max)
                    {
                        throw Fail($"{name}: min must not be greater than max");
                    }

                    return new RandomFloatExpression(min, max);
                }

            case "random.pick":
                if (arguments.Count == 0)
                {
                    throw Fail($"{name} needs at least one value: {usage}");
                }

                return new RandomPickExpression([.. arguments]);
            default:
                if (arguments.Count != 1 || arguments[0].Kind != TemplateValueKind.Integer || (long)arguments[0].AsObject()! is < 0 or > 1_000_000)
                {
                    throw Fail($"{name} takes one whole number from 0 to 1000000: {usage}, e.g. random.string(8)");
                }

                return new RandomStringExpression((int)(long)arguments[0].AsObject()!);
        }
    }

    private static void NoCall(List<TemplateValue>? arguments, string dotted)
    {
        if (arguments is not null)
        {
            throw new TemplateSyntaxException($"'{dotted}' is not a function: write it without '(…)'");
        }
    }

    private List<TemplateValue> ParseArguments()
    {
        Expect('(');
        var arguments = new List<TemplateValue>();
        SkipSpace();
        if (Peek == ')')
        {
            _position++;
            return arguments;
        }

        while (true)
        {
            SkipSpace();
            if (!TryParseLiteral(out var value))
            {
                throw Fail(AtEnd
                    ? "expected ')' to close the argument list"
                    : $"expected a value (a number, a quoted string, true or false) at position {Column}, found '{_text[_position]}'");
            }

            arguments.Add(value);
            SkipSpace();
            if (Peek == ',')
            {
                _position++;
                continue;
            }

            Expect(')');
            return arguments;
        }
    }

    private bool StartsWithKeyword()
    {
        foreach (var word in (ReadOnlySpan<string>)["true", "false", "null"])
        {
            var after = _position + word.Length;
            if (_text.AsSpan(_position, _end - _position).StartsWith(word, StringComparison.Ordinal) && (after >= _end || !IsNameChar(_text[after])))
            {
                return true;
            }
        }

        return false;
    }

    private bool TryParseLiteral(out TemplateValue value)
    {
        value = default;
        if (AtEnd)
        {
            return false;
        }

        var c = _text[_position];
        if (c is '"' or '\'')
        {
            value = TemplateValue.From(ReadString(c));
            return true;
        }

        if (char.IsAsciiDigit(c) || (c is '-' or '+' && _position + 1 < _end && char.IsAsciiDigit(_text[_position + 1])))
        {
            var start = _position++;
            while (!AtEnd && (char.IsAsciiDigit(Peek) || Peek is '.' or 'e' or 'E' || (Peek is '-' or '+' && _text[_position - 1] is 'e' or 'E')))
            {
                _position++;
            }

            var number = _text.AsSpan(start, _position - start);
            if (long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
            {
                value = TemplateValue.From(whole);
            }
            else if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
            {
                value = TemplateValue.From(real);
            }
            else
            {
                throw Fail($"'{number}' is not a number");
            }

            return true;
        }

        foreach (var (word, result) in new[] { ("true", TemplateValue.From(true)), ("false", TemplateValue.From(false)), ("null", TemplateValue.Null) })
        {
            var after = _position + word.Length;
            if (_text.AsSpan(_position, _end - _position).StartsWith(word, StringComparison.Ordinal) && (after >= _end || !IsNameChar(_text[after])))
            {
                _position = after;
                value = result;
                return true;
            }
        }

        return false;
    }

    private string ReadString(char quote)
    {
        var start = Column;
        _position++;
        var builder = new StringBuilder();
        while (!AtEnd)
        {
            var c = _text[_position++];
            if (c == quote)
            {
                return builder.ToString();
            }

            if (c == '\\' && !AtEnd)
            {
                var escaped = _text[_position++];
                builder.Append(escaped switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => escaped });
                continue;
            }

            builder.Append(c);
        }

        throw Fail($"string starting at position {start} is not closed: expected {quote}");
    }

    private string ReadName()
    {
        var start = _position;
        if (AtEnd || !(char.IsAsciiLetter(Peek) || Peek == '_'))
        {
            throw Fail(AtEnd
                ? "expected a name at the end of the expression"
                : $"expected a name at position {Column}, found '{Peek}'");
        }

        while (!AtEnd && IsNameChar(Peek))
        {
            _position++;
        }

        return _text[start.._position];
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    private void Expect(char expected)
    {
        SkipSpace();
        if (Peek != expected)
        {
            throw Fail(AtEnd
                ? $"expected '{expected}' at the end of the expression"
                : $"expected '{expected}' at position {Column}, found '{Peek}'");
        }

        _position++;
    }

    private void SkipSpace()
    {
        while (!AtEnd && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private bool AtEnd => _position >= _end;

    private char Peek => AtEnd ? '\0' : _text[_position];

    /// <summary>The 1-based position inside the expression, for messages.</summary>
    private int Column => _position - _offset + 1;

    private static TemplateSyntaxException Fail(string message) => new(message);

    private sealed class TemplateSyntaxException(string message) : Exception(message);
}
