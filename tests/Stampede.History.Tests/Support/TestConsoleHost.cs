using Stampede.Cli.Hosting;

namespace Stampede.History.Tests.Support;

/// <summary>The CLI's process boundary for in-process tests: captured output and a chosen environment.</summary>
internal sealed class TestConsoleHost(Dictionary<string, string>? environment = null) : IConsoleHost
{
    private readonly Dictionary<string, string> _environment = environment ?? [];

    public StringWriter OutText { get; } = new();

    public StringWriter ErrorText { get; } = new();

    public TextWriter Out => TextWriter.Synchronized(OutText);

    public TextWriter Error => TextWriter.Synchronized(ErrorText);

    public bool IsTerminal => false;

    public bool ColorAllowed => false;

    public TimeProvider Time => TimeProvider.System;

    public string MachineName => "test-host";

    public string? GetEnvironmentVariable(string name) => _environment.GetValueOrDefault(name);

    public IDisposable OnStopSignal(Action<string> onSignal) => new Nothing();

    private sealed class Nothing : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
