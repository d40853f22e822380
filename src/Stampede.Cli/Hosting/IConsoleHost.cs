namespace Stampede.Cli.Hosting;

/// <summary>
/// The process boundary in one injected object: console streams, environment, signals, clock and files' base
/// folder. The commands touch the outside world only through it, so tests can run them in-process.
/// </summary>
public interface IConsoleHost
{
    /// <summary>Standard output.</summary>
    TextWriter Out { get; }

    /// <summary>Standard error.</summary>
    TextWriter Error { get; }

    /// <summary>True when standard output is an interactive terminal (live view, colours).</summary>
    bool IsTerminal { get; }

    /// <summary>True unless colours were turned off (NO_COLOR, not a terminal).</summary>
    bool ColorAllowed { get; }

    /// <summary>The clock.</summary>
    TimeProvider Time { get; }

    /// <summary>The machine's name.</summary>
    string MachineName { get; }

    /// <summary>An environment variable, or null.</summary>
    string? GetEnvironmentVariable(string name);

    /// <summary>Calls <paramref name="onSignal"/> for Ctrl-C (SIGINT) and SIGTERM until disposed; the process is not terminated by them.</summary>
    IDisposable OnStopSignal(Action<string> onSignal);
}
