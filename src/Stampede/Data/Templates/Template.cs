using Stampede.Plans;

namespace Stampede.Data.Templates;

/// <summary>
/// Text with <c>{{ expression }}</c> placeholders, parsed once when the plan loads and rendered per iteration against a
/// <see cref="TemplateScope"/>. See docs/data-and-templates.md for every expression and function.
/// </summary>
public sealed class Template
{
    private readonly string _text;
    private readonly TemplateSegment[] _segments;

    private Template(string text, TemplateSegment[] segments, IReadOnlyList<string> referencedNames, IReadOnlyList<string> referencedDataSets)
    {
        _text = text;
        _segments = segments;
        ReferencedNames = referencedNames;
        ReferencedDataSets = referencedDataSets;
    }

    /// <summary>True when the text has no placeholders: callers can use <see cref="ToString"/> and skip rendering.</summary>
    public bool IsConstant => _segments.Length == 0;

    /// <summary>
    /// Root names the template reads, each once, in order of first use: built-ins (<c>data</c>, <c>env</c>, <c>vu</c>,
    /// <c>random</c>, …) and variables (<c>missionId</c>). Lets a loader check for unknown captures and cycles.
    /// </summary>
    public IReadOnlyList<string> ReferencedNames { get; }

    /// <summary>Names of the data sets the template reads through <c>data.SET.column</c>, each once.</summary>
    public IReadOnlyList<string> ReferencedDataSets { get; }

    /// <summary>True when the whole text is one placeholder (<c>"{{ random.int(1, 5) }}"</c>), so JSON bodies can keep its type.</summary>
    internal bool IsSingleExpression => _segments.Length == 1 && _segments[0].Literal is null;

    /// <summary>
    /// Parses <paramref name="text"/>, adding every syntax problem to <paramref name="errors"/> (unclosed <c>{{</c>,
    /// empty expression, unknown function with a suggestion, bad arguments). With errors, the template returned renders
    /// the raw text unchanged.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="errors">Receives every problem.</param>
    /// <param name="path">The setting the text came from, e.g. <c>scenarios.chat.steps[0].body</c>.</param>
    /// <param name="location">Where the text is in the plan's source.</param>
    public static Template Parse(string text, List<PlanError> errors, string path, SourceLocation? location = null) =>
        Parse(text, errors, path, _ => location);

    /// <summary>
    /// Parses <paramref name="text"/> like <see cref="Parse(string, List{PlanError}, string, SourceLocation?)"/>, placing each
    /// problem at the placeholder it is in: <paramref name="locate"/> turns a 0-based offset into the text (where the
    /// placeholder's <c>{{</c> is) into a location in the plan's source.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="errors">Receives every problem.</param>
    /// <param name="path">The setting the text came from.</param>
    /// <param name="locate">Where character N of the text is in the plan's source.</param>
    public static Template Parse(string text, List<PlanError> errors, string path, Func<int, SourceLocation?> locate)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(locate);
        ArgumentNullException.ThrowIfNull(errors);
        var segments = new List<TemplateSegment>();
        var names = new List<string>();
        var sets = new List<string>();
        var failed = false;
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                segments.Add(TemplateSegment.Text(text[position..]));
                break;
            }

            if (open > position)
            {
                segments.Add(TemplateSegment.Text(text[position..open]));
            }

            var close = FindClose(text, open + 2, out var nextOpen);
            if (close < 0)
            {
                var expected = nextOpen >= 0 ? $"expected '}}}}' before the next '{{{{' at position {nextOpen + 1}" : "expected '}}'";
                errors.Add(new PlanError(path, $"'{{{{' at position {open + 1} is not closed: {expected} (in \"{Shorten(text)}\")", locate(open)));
                failed = true;
                if (nextOpen < 0)
                {
                    break;
                }

                position = nextOpen;
                continue;
            }

            var expression = TemplateParser.Parse(text, open + 2, close, out var error);
            if (expression is null)
            {
                errors.Add(new PlanError(path, $"{error} (in \"{Shorten(text[open..(close + 2)])}\")", locate(open)));
                failed = true;
            }
            else
            {
                Collect(expression, names, sets);

                segments.Add(TemplateSegment.Of(expression));
            }

            position = close + 2;
        }

        if (failed)
        {
            return new Template(text, [], [], []);
        }

        if (!segments.Any(s => s.Literal is null))
        {
            segments.Clear();
        }

        return new Template(text, [.. segments], names, sets);
    }

    /// <summary>Renders the template for the VU and iteration <paramref name="scope"/> stands for.</summary>
    public string Render(TemplateScope scope)
    {
        if (_segments.Length == 0)
        {
            return _text;
        }

        ArgumentNullException.ThrowIfNull(scope);

        // Appends after whatever the scope's builder holds and trims back, so a variable that is itself a template
        // (YAML vars:) can render while the template that reads it is half built.
        var builder = scope.Builder;
        var start = builder.Length;
        foreach (var segment in _segments)
        {
            if (segment.Literal is { } literal)
            {
                builder.Append(literal);
            }
            else
            {
                segment.Expression!.Evaluate(scope).AppendTo(builder);
            }
        }

        var rendered = builder.ToString(start, builder.Length - start);
        builder.Length = start;
        return rendered;
    }

    /// <summary>Evaluates a single-placeholder template keeping the value's type.</summary>
    internal TemplateValue Evaluate(TemplateScope scope) => _segments[0].Expression!.Evaluate(scope);

    /// <summary>
    /// Finds a cycle among named definitions that refer to each other (variables defined by templates), e.g.
    /// <c>a: "{{ b }}"</c>, <c>b: "{{ a }}"</c>. Returns the cycle as a path that ends where it starts
    /// (<c>["a", "b", "a"]</c>), or null when there is none. Names that are not definitions are ignored.
    /// </summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, Template> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the stack; true: done
        var stack = new List<string>();
        foreach (var start in definitions.Keys.Order(StringComparer.Ordinal))
        {
            var cycle = Visit(start);
            if (cycle is not null)
            {
                return cycle;
            }
        }

        return null;

        List<string>? Visit(string name)
        {
            if (state.TryGetValue(name, out var done))
            {
                return done ? null : [.. stack.Skip(stack.IndexOf(name)), name];
            }

            state[name] = false;
            stack.Add(name);
            foreach (var next in definitions[name].ReferencedNames)
            {
                if (definitions.ContainsKey(next) && Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[name] = true;
            return null;
        }
    }

    private static void Collect(TemplateExpression expression, List<string> names, List<string> sets)
    {
        if (expression.RootName is { } root && !names.Contains(root))
        {
            names.Add(root);
        }

        if (expression is DataExpression data && !sets.Contains(data.Set))
        {
            sets.Add(data.Set);
        }

        foreach (var inner in expression.Inner)
        {
            Collect(inner, names, sets);
        }
    }

    /// <summary>The original text.</summary>
    public override string ToString() => _text;

    /// <summary>The end of the placeholder opened before <paramref name="start"/>, skipping quoted strings; -1 when unclosed.</summary>
    private static int FindClose(string text, int start, out int nextOpen)
    {
        nextOpen = -1;
        var i = start;
        while (i < text.Length - 1)
        {
            var c = text[i];
            if (c is '"' or '\'')
            {
                var end = i + 1;
                while (end < text.Length && text[end] != c)
                {
                    end += text[end] == '\\' ? 2 : 1;
                }

                // An unmatched quote is the parser's problem to report; keep scanning for the braces after it.
                if (end < text.Length)
                {
                    i = end + 1;
                    continue;
                }
            }

            if (c == '}' && text[i + 1] == '}')
            {
                return i;
            }

            if (c == '{' && text[i + 1] == '{')
            {
                nextOpen = i;
                return -1;
            }

            i++;
        }

        return -1;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

    private readonly record struct TemplateSegment(string? Literal, TemplateExpression? Expression)
    {
        public static TemplateSegment Text(string literal) => new(literal, null);

        public static TemplateSegment Of(TemplateExpression expression) => new(null, expression);
    }
}
