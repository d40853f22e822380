using Stampede.Cli.Hosting;

namespace Stampede.Yaml.Tests.Hosting;

/// <summary>An in-process host: captured output, a fixed environment, no signals.</summary>
internal sealed class TestConsoleHost(IReadOnlyDictionary<string, string>? env = null) : IConsoleHost
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    public TextWriter Out => TextWriter.Synchronized(_out);

    public TextWriter Error => TextWriter.Synchronized(_error);

    public string Output => _out.ToString();

    public string Errors => _error.ToString();

    public bool IsTerminal => false;

    public bool ColorAllowed => false;

    public TimeProvider Time => TimeProvider.System;

    public string MachineName => "test";

    public string? GetEnvironmentVariable(string name) => env?.GetValueOrDefault(name);

    public IDisposable OnStopSignal(Action<string> onSignal) => new Nothing();

    private sealed class Nothing : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
