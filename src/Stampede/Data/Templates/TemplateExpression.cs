using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Stampede.Data.Templates;

/// <summary>One <c>{{ … }}</c> expression, parsed once and evaluated per render.</summary>
internal abstract class TemplateExpression
{
    /// <summary>The root name it reads (<c>data</c>, <c>env</c>, a variable's name), or null for literals and functions.</summary>
    public abstract string? RootName { get; }

    /// <summary>Expressions nested inside this one (computed indexes), so a template's referenced names include theirs.</summary>
    public virtual IEnumerable<TemplateExpression> Inner => [];

    public abstract TemplateValue Evaluate(TemplateScope scope);
}

/// <summary>A quoted string, number or boolean written in the template.</summary>
internal sealed class LiteralExpression(TemplateValue value) : TemplateExpression
{
    public override string? RootName => null;

    public override TemplateValue Evaluate(TemplateScope scope) => value;
}

/// <summary>A step into a value: <c>.name</c>, <c>[3]</c> / <c>["key"]</c>, or an index computed by another expression (<c>[vu.index]</c>).</summary>
internal readonly record struct PathStep(string? Name, int Index, TemplateExpression? Computed = null)
{
    public override string ToString() => Computed is not null ? "[…]" : Name is null ? $"[{Index}]" : "." + Name;

    /// <summary>Walks a list of steps from <paramref name="value"/>.</summary>
    public static object? Walk(object? value, PathStep[] steps, TemplateScope scope)
    {
        foreach (var step in steps)
        {
            value = step.Apply(value, scope);
        }

        return value;
    }

    /// <summary>
    /// Walks one step into <paramref name="value"/>; a missing member or index yields null. A computed whole-number index
    /// wraps around the list, so <c>setup.keys[vu.index]</c> serves any number of VUs from a few keys.
    /// </summary>
    public object? Apply(object? value, TemplateScope scope)
    {
        if (Computed is null)
        {
            return Apply(value, Name, Index);
        }

        var key = Computed.Evaluate(scope);
        if (key.AsObject() is string name && !long.TryParse(name, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            return Apply(value, name, 0);
        }

        var number = key.AsObject() switch
        {
            long l => l,
            double d when double.IsFinite(d) => (long)d,
            string s => long.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
            JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetInt64(out var n) => n,
            _ => (long?)null,
        };
        var count = value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.GetArrayLength(),
            IList list => list.Count,
            _ => 0,
        };
        return number is { } index && count > 0 ? Apply(value, null, (int)(((index % count) + count) % count)) : null;
    }

    private static object? Apply(object? value, string? name, int index)
    {
        switch (value)
        {
            case null:
                return null;
            case JsonElement element:
                if (name is null)
                {
                    return element.ValueKind == JsonValueKind.Array && index >= 0 && index < element.GetArrayLength() ? element[index] : null;
                }

                return element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var property) ? property : null;
            case IReadOnlyDictionary<string, string> strings when name is not null:
                return strings.TryGetValue(name, out var text) ? text : null;
            case IReadOnlyDictionary<string, object?> objects when name is not null:
                return objects.TryGetValue(name, out var item) ? item : null;
            case IDictionary<string, object?> objects when name is not null:
                return objects.TryGetValue(name, out var entry) ? entry : null;
            case IDictionary dictionary when name is not null:
                return dictionary.Contains(name) ? dictionary[name] : null;
            case IList list when name is null:
                return index >= 0 && index < list.Count ? list[index] : null;
            case string:
                return null;
        }

        if (name is null)
        {
            return null;
        }

        return ReadProperty(value, name);
    }

    // Setup may return a plain object; read its public property, ignoring case as YAML users write camelCase.
    // Only a C# plan's own setup can hand over such an object (YAML plans hold JSON values, dictionaries and lists,
    // all handled above), and C# plans run on the JIT in the user's program, where every property is there. In a
    // trimmed program a trimmed-away property is simply not found: the expression yields null, as for a missing key.
    [UnconditionalSuppressMessage("Trimming", "IL2075",
        Justification = "Reflects only on objects a JIT-hosted C# plan returned from setup; a trimmed-away property reads as null.")]
    private static object? ReadProperty(object value, string name)
    {
        var member = value.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return member is { CanRead: true } && member.GetIndexParameters().Length == 0 ? member.GetValue(value) : null;
    }
}

/// <summary>A capture or variable of the VU (<c>missionId</c>, <c>user.token</c>, <c>items[0].id</c>).</summary>
internal sealed class VariableExpression(string name, PathStep[] steps) : TemplateExpression
{
    public override string? RootName => name;

    public override IEnumerable<TemplateExpression> Inner => steps.Where(s => s.Computed is not null).Select(s => s.Computed!);

    public override TemplateValue Evaluate(TemplateScope scope) =>
        TemplateValue.FromObject(PathStep.Walk(scope.LookupVariable(name), steps, scope));
}

/// <summary><c>setup.a.b[2]</c>: what the plan's setup returned.</summary>
internal sealed class SetupExpression(PathStep[] steps) : TemplateExpression
{
    public override string? RootName => "setup";

    public override IEnumerable<TemplateExpression> Inner => steps.Where(s => s.Computed is not null).Select(s => s.Computed!);

    public override TemplateValue Evaluate(TemplateScope scope) =>
        TemplateValue.FromObject(PathStep.Walk(scope.SetupData, steps, scope));
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
