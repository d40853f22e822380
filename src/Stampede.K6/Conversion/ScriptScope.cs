using Acornima.Ast;

namespace Stampede.K6.Conversion;

/// <summary>
/// The names a part of the script sees: constants (read when first used, so an unused one that YAML cannot say
/// costs nothing), imported modules, and what the flow made (responses, check results, captures). Inner scopes see
/// the outer ones, as JavaScript's blocks do.
/// </summary>
internal sealed class ScriptScope(ScriptFile file, ScriptScope? outer = null)
{
    private readonly Dictionary<string, ScriptValue> _values = [];
    private readonly Dictionary<string, Expression> _pending = [];

    public ScriptFile File { get; } = file;

    public void Bind(string name, ScriptValue value)
    {
        _pending.Remove(name);
        _values[name] = value;
    }

    public void BindLater(string name, Expression initializer)
    {
        _values.Remove(name);
        _pending[name] = initializer;
    }

    public ScriptScope Inner() => new(File, this);

    /// <summary>The value of <paramref name="name"/>, evaluated by <paramref name="evaluate"/> in the scope that declared it.</summary>
    public ScriptValue? Lookup(string name, Func<Expression, ScriptScope, ScriptValue> evaluate)
    {
        for (var scope = this; scope is not null; scope = scope.Outer)
        {
            if (scope._values.TryGetValue(name, out var value))
            {
                return value;
            }

            if (scope._pending.Remove(name, out var initializer))
            {
                // Bound before evaluating, so a constant that reads itself is unknown rather than endless.
                scope._values[name] = new UnknownValue(initializer, $"'{name}' is read while it is being computed");
                var evaluated = evaluate(initializer, scope);
                scope._values[name] = evaluated;
                return evaluated;
            }
        }

        return null;
    }

    private ScriptScope? Outer { get; } = outer;
}

/// <summary>One parsed script file: its path (as the user wrote it), its text (for the snippets of notes) and its syntax tree.</summary>
internal sealed record ScriptFile(string Path, string Source, Module Ast)
{
    public string Snippet(Node node)
    {
        var text = Source[node.Range.Start..node.Range.End];
        var oneLine = string.Join(' ', text.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= 100 ? oneLine : oneLine[..97] + "...";
    }

    public ConversionNote Note(Node node, string why) =>
        new(Path, node.Location.Start.Line, node.Location.Start.Column + 1, Snippet(node), why);
}
