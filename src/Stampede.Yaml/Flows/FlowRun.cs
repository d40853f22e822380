using System.Collections;
using System.Text.Json;
using Stampede.Execution;
using Stampede.Yaml.Templates;

namespace Stampede.Yaml.Flows;

/// <summary>
/// One pass through a flow (an iteration, setup or teardown): the VU, the captured values, the data rows picked
/// for this iteration and the loop counters, which is everything a template can name.
/// </summary>
internal sealed class FlowRun(VuContext vu, FlowShared shared, IDictionary<string, object?> captures, object? setupData) : ITemplateScope
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, object?>?> _rows = new(StringComparer.Ordinal);
    private readonly Stack<int> _repeats = new();
    private int _varDepth;

    public VuContext Vu { get; } = vu;

    public FlowShared Shared { get; } = shared;

    /// <summary>Captured values: the VU's variables in iterations (kept across them), a fresh map in setup and teardown.</summary>
    public IDictionary<string, object?> Captures { get; } = captures;

    public void EnterRepeat(int index) => _repeats.Push(index);

    public void SetRepeat(int index)
    {
        _repeats.Pop();
        _repeats.Push(index);
    }

    public void ExitRepeat() => _repeats.Pop();

    public object? Resolve(TemplatePath path)
    {
        var parts = path.Parts;
        object? value;
        var next = 1;
        switch (path.Root)
        {
            case "env":
                if (parts.Count < 2 || parts[1].Name is not { } name)
                {
                    return null;
                }

                next = 2;
                value = Vu.Env.TryGetValue(name, out var fromPlan) ? fromPlan : Shared.Env.GetValueOrDefault(name);
                break;
            case "data":
                if (parts.Count < 2 || parts[1].Name is not { } set)
                {
                    return null;
                }

                next = 2;
                value = Row(set);
                break;
            case "setup":
                value = setupData;
                break;
            case "vu":
                if (parts.Count < 2)
                {
                    return Vu.Id;
                }

                next = 2;
                value = parts[1].Name switch
                {
                    "id" => Vu.Id,
                    "index" => Vu.IdInScenario - 1,
                    "idInScenario" => Vu.IdInScenario,
                    "iteration" => Vu.Iteration,
                    _ => null,
                };
                break;
            case "iteration":
                value = Vu.IterationInScenario;
                break;
            case "scenario":
                value = Vu.Scenario;
                break;
            case "repeat":
                next = parts.Count > 1 ? 2 : 1;
                value = _repeats.Count > 0 ? _repeats.Peek() : 0;
                break;
            case "now":
                next = 2;
                var now = Shared.Time.GetUtcNow();
                value = (parts.Count > 1 ? parts[1].Name : null) switch
                {
                    "unixMs" => now.ToUnixTimeMilliseconds(),
                    "unix" => now.ToUnixTimeSeconds(),
                    "iso" => now.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    _ => now.ToUnixTimeMilliseconds(),
                };
                break;
            case "random":
                next = 2;
                value = (parts.Count > 1 ? parts[1].Name : null) switch
                {
                    "uuid" => NewGuid(Vu.Random).ToString(),
                    "float" => Vu.Random.NextDouble(),
                    "hex" => Vu.Random.NextInt64().ToString("x16", System.Globalization.CultureInfo.InvariantCulture),
                    _ => Vu.Random.Next(0, 1_000_000_000),
                };
                break;
            case "question":
                value = Shared.Questions?.Next(this);
                break;
            case "fake":
                next = 2;
                value = FakeData.Value(parts.Count > 1 ? parts[1].Name : null, Vu.Random);
                break;
            default:
                if (Captures.TryGetValue(path.Root, out value))
                {
                    break;
                }

                if (Shared.Vars.TryGetValue(path.Root, out var template))
                {
                    // Cycles are rejected when the plan loads; the depth guard is a second line of defence.
                    if (++_varDepth > 32)
                    {
                        _varDepth--;
                        return null;
                    }

                    value = template.Render(this);
                    _varDepth--;
                    break;
                }

                return null;
        }

        for (var i = next; i < parts.Count && value is not null; i++)
        {
            value = Member(value, parts[i]);
        }

        return value;
    }

    private static Guid NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private IReadOnlyDictionary<string, object?>? Row(string set)
    {
        if (_rows.TryGetValue(set, out var row))
        {
            return row;
        }

        if (!Shared.Data.TryGetValue(set, out var source))
        {
            return null;
        }

        row = source.Next(Vu.Random);
        if (row is null)
        {
            throw new DataExhaustedException(set);
        }

        _rows[set] = row;
        return row;
    }

    private object? Member(object value, TemplatePathPart part)
    {
        if (part.Name is { } name)
        {
            return value switch
            {
                IReadOnlyDictionary<string, object?> map => map.GetValueOrDefault(name),
                IDictionary<string, object?> map => map.TryGetValue(name, out var v) ? v : null,
                JsonElement { ValueKind: JsonValueKind.Object } e => e.TryGetProperty(name, out var p) ? p : null,
                _ => null,
            };
        }

        var index = part.Index ?? (int?)ToIndex(Resolve(part.IndexPath!));
        if (index is not { } i)
        {
            return null;
        }

        // Indexes wrap around, so a list of three keys captured in setup serves any number of VUs: setup.keys[vu.index].
        switch (value)
        {
            case JsonElement { ValueKind: JsonValueKind.Array } e when e.GetArrayLength() > 0:
                return e[Wrap(i, e.GetArrayLength())];
            case IList list when list.Count > 0:
                return list[Wrap(i, list.Count)];
            default:
                return null;
        }
    }

    private static int Wrap(long index, int count) => (int)(((index % count) + count) % count);

    private static long? ToIndex(object? value) => value switch
    {
        int i => i,
        long l => l,
        JsonElement { ValueKind: JsonValueKind.Number } e => e.GetInt64(),
        string s when long.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var l) => l,
        _ => null,
    };
}
