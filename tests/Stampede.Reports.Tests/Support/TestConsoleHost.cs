using Stampede.Cli.Hosting;

namespace Stampede.Reports.Tests.Support;

/// <summary>The CLI's process boundary for in-process tests: captured output, no terminal, the system clock.</summary>
internal sealed class TestConsoleHost : IConsoleHost
{
    public StringWriter OutText { get; } = new();

    public StringWriter ErrorText { get; } = new();

    public TextWriter Out => TextWriter.Synchronized(OutText);

    public TextWriter Error => TextWriter.Synchronized(ErrorText);

    public bool IsTerminal => false;

    public bool ColorAllowed => false;

    public TimeProvider Time => TimeProvider.System;

    public string MachineName => "test-host";

    public string? GetEnvironmentVariable(string name) => null;

    public IDisposable OnStopSignal(Action<string> onSignal) => new Nothing();

    private sealed class Nothing : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
