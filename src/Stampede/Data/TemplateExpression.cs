using System.Collections;
using System.Reflection;
using System.Text.Json;

namespace Stampede.Data;

/// <summary>One <c>{{ … }}</c> expression, parsed once and evaluated per render.</summary>
internal abstract class TemplateExpression
{
    /// <summary>The root name it reads (<c>data</c>, <c>env</c>, a variable's name), or null for literals and functions.</summary>
    public abstract string? RootName { get; }

    public abstract TemplateValue Evaluate(TemplateScope scope);
}

/// <summary>A quoted string, number or boolean written in the template.</summary>
internal sealed class LiteralExpression(TemplateValue value) : TemplateExpression
{
    public override string? RootName => null;

    public override TemplateValue Evaluate(TemplateScope scope) => value;
}

/// <summary>A step into a value: <c>.name</c> or <c>[3]</c> / <c>["key"]</c>.</summary>
internal readonly record struct PathStep(string? Name, int Index)
{
    public override string ToString() => Name is null ? $"[{Index}]" : "." + Name;

    /// <summary>Walks one step into <paramref name="value"/>; a missing member or index yields null.</summary>
    public object? Apply(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case JsonElement element:
                if (Name is null)
                {
                    return element.ValueKind == JsonValueKind.Array && Index >= 0 && Index < element.GetArrayLength() ? element[Index] : null;
                }

                return element.ValueKind == JsonValueKind.Object && element.TryGetProperty(Name, out var property) ? property : null;
            case IReadOnlyDictionary<string, string> strings when Name is not null:
                return strings.TryGetValue(Name, out var text) ? text : null;
            case IReadOnlyDictionary<string, object?> objects when Name is not null:
                return objects.TryGetValue(Name, out var item) ? item : null;
            case IDictionary<string, object?> objects when Name is not null:
                return objects.TryGetValue(Name, out var entry) ? entry : null;
            case IDictionary dictionary when Name is not null:
                return dictionary.Contains(Name) ? dictionary[Name] : null;
            case IList list when Name is null:
                return Index >= 0 && Index < list.Count ? list[Index] : null;
            case string:
                return null;
        }

        if (Name is null)
        {
            return null;
        }

        // Setup may return a plain object; read its public property, ignoring case as YAML users write camelCase.
        var member = value.GetType().GetProperty(Name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return member is { CanRead: true } && member.GetIndexParameters().Length == 0 ? member.GetValue(value) : null;
    }
}

/// <summary>A capture or variable of the VU (<c>missionId</c>, <c>user.token</c>, <c>items[0].id</c>).</summary>
internal sealed class VariableExpression(string name, PathStep[] steps) : TemplateExpression
{
    public override string? RootName => name;

    public override TemplateValue Evaluate(TemplateScope scope)
    {
        var value = scope.LookupVariable(name);
        foreach (var step in steps)
        {
            value = step.Apply(value);
        }

        return TemplateValue.FromObject(value);
    }
}

/// <summary><c>setup.a.b[2]</c>: what the plan's setup returned.</summary>
internal sealed class SetupExpression(PathStep[] steps) : TemplateExpression
{
    public override string? RootName => "setup";

    public override TemplateValue Evaluate(TemplateScope scope)
    {
        var value = scope.SetupData;
        foreach (var step in steps)
        {
            value = step.Apply(value);
        }

        return TemplateValue.FromObject(value);
    }
}

/// <summary><c>data.set.column</c>: the column of the VU's current row of a data set.</summary>
internal sealed class DataExpression(string set, string column) : TemplateExpression
{
    public string Set => set;

    public override string? RootName => "data";

    public override TemplateValue Evaluate(TemplateScope scope)
    {
        var row = scope.CurrentRow(set);
        return row is not null && row.TryGetValue(column, out var value) ? TemplateValue.From(value) : TemplateValue.Null;
    }
}

/// <summary><c>env.NAME</c>.</summary>
internal sealed class EnvExpression(string name) : TemplateExpression
{
    public override string? RootName => "env";

    public override TemplateValue Evaluate(TemplateScope scope) =>
        scope.Env.TryGetValue(name, out var value) ? TemplateValue.From(value) : TemplateValue.Null;
}

/// <summary>A built-in with no arguments: <c>vu.id</c>, <c>now.iso</c>, <c>random.uuid</c>, <c>fake.name</c>, <c>question</c>, ….</summary>
internal sealed class BuiltinExpression(string root, Func<TemplateScope, TemplateValue> evaluate) : TemplateExpression
{
    public override string? RootName => root;

    public override TemplateValue Evaluate(TemplateScope scope) => evaluate(scope);
}

/// <summary><c>random.int(min, max)</c>: an integer from min to max, both included.</summary>
internal sealed class RandomIntExpression(long min, long max) : TemplateExpression
{
    public override string? RootName => "random";

    public override TemplateValue Evaluate(TemplateScope scope) => TemplateValue.From(scope.Random.NextInt64(min, max + 1));
}

/// <summary><c>random.float(min, max)</c>: a real number from min (included) to max (excluded).</summary>
internal sealed class RandomFloatExpression(double min, double max) : TemplateExpression
{
    public override string? RootName => "random";

    public override TemplateValue Evaluate(TemplateScope scope) => TemplateValue.From(min + (scope.Random.NextDouble() * (max - min)));
}

/// <summary><c>random.pick(a, b, …)</c>: one of the values, uniformly.</summary>
internal sealed class RandomPickExpression(TemplateValue[] choices) : TemplateExpression
{
    public override string? RootName => "random";

    public override TemplateValue Evaluate(TemplateScope scope) => choices[scope.Random.Next(choices.Length)];
}

/// <summary><c>random.string(n)</c>: n letters and digits.</summary>
internal sealed class RandomStringExpression(int length) : TemplateExpression
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public override string? RootName => "random";

    public override TemplateValue Evaluate(TemplateScope scope)
    {
        var random = scope.Random;
        return TemplateValue.From(string.Create(length, random, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[r.Next(Alphabet.Length)];
            }
        }));
    }
}
