using Stampede.Cli.Hosting;

namespace Stampede.Testing;

/// <summary>
/// The CLI's process boundary for in-process tests: captured output, a chosen environment, no terminal, the system
/// clock, and signals the test raises itself. Shared by every test project that drives the CLI.
/// </summary>
internal sealed class TestConsoleHost(IReadOnlyDictionary<string, string>? environment = null) : IConsoleHost
{
    private Action<string>? _onSignal;

    public StringWriter OutText { get; } = new();

    public StringWriter ErrorText { get; } = new();

    /// <summary>Everything written to standard output so far.</summary>
    public string Output => OutText.ToString();

    /// <summary>Everything written to standard error so far.</summary>
    public string Errors => ErrorText.ToString();

    public TextWriter Out => TextWriter.Synchronized(OutText);

    public TextWriter Error => TextWriter.Synchronized(ErrorText);

    public bool IsTerminal => false;

    public bool ColorAllowed => false;

    public TimeProvider Time => TimeProvider.System;

    public string MachineName => "test-host";

    public string? GetEnvironmentVariable(string name) => environment?.GetValueOrDefault(name);

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
