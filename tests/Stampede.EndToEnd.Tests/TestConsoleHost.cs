using Stampede.Cli.Hosting;

namespace Stampede.EndToEnd.Tests;

/// <summary>The CLI's process boundary for in-process tests: captured output, a chosen environment, signals raised by the test.</summary>
internal sealed class TestConsoleHost : IConsoleHost
{
    private readonly Dictionary<string, string> _environment;
    private Action<string>? _onSignal;

    public TestConsoleHost(Dictionary<string, string>? environment = null)
    {
        _environment = environment ?? [];
    }

    public StringWriter OutText { get; } = new();

    public StringWriter ErrorText { get; } = new();

    public TextWriter Out => TextWriter.Synchronized(OutText);

    public TextWriter Error => TextWriter.Synchronized(ErrorText);

    public bool IsTerminal => false;

    public bool ColorAllowed => false;

    public TimeProvider Time => TimeProvider.System;

    public string MachineName => "test-host";

    public string? GetEnvironmentVariable(string name) => _environment.GetValueOrDefault(name);

    public IDisposable OnStopSignal(Action<string> onSignal)
    {
        _onSignal = onSignal;
        return new Unregister(this);
    }

    /// <summary>Raises Ctrl-C as the real host would.</summary>
    public void RaiseSignal(string name = "interrupted (SIGINT)") => _onSignal?.Invoke(name);

    private sealed class Unregister(TestConsoleHost host) : IDisposable
    {
        public void Dispose() => host._onSignal = null;
    }
}
