using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Stampede.Cli.Hosting;

namespace Stampede.Cli;

/// <summary>
/// The environment a plan file reads: <c>-e KEY=VALUE</c> pairs over the process environment, looked up through
/// the host on demand (enumerating lists only the <c>-e</c> pairs, so nothing else leaks into reports).
/// </summary>
internal sealed class HostEnvironment(IConsoleHost host, IReadOnlyDictionary<string, string> overrides) : IReadOnlyDictionary<string, string>
{
    public static HostEnvironment From(IConsoleHost host, IEnumerable<string> pairs)
    {
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var index = pair.IndexOf('=', StringComparison.Ordinal);
            if (index > 0)
            {
                overrides[pair[..index]] = pair[(index + 1)..];
            }
        }

        return new HostEnvironment(host, overrides);
    }

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => overrides.Keys;

    public IEnumerable<string> Values => overrides.Values;

    public int Count => overrides.Count;

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        if (overrides.TryGetValue(key, out value))
        {
            return true;
        }

        value = host.GetEnvironmentVariable(key);
        return value is not null;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => overrides.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
