using System.Runtime.InteropServices;

namespace Stampede.Cli.Hosting;

/// <summary>The real process: <see cref="Console"/>, <see cref="Environment"/> and POSIX signals.</summary>
public sealed class ConsoleHost : IConsoleHost
{
    /// <inheritdoc />
    public TextWriter Out => Console.Out;

    /// <inheritdoc />
    public TextWriter Error => Console.Error;

    /// <inheritdoc />
    public bool IsTerminal => !Console.IsOutputRedirected;

    /// <inheritdoc />
    public bool ColorAllowed => IsTerminal && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    /// <inheritdoc />
    public TimeProvider Time => TimeProvider.System;

    /// <inheritdoc />
    public string MachineName => Environment.MachineName;

    /// <inheritdoc />
    public string? GetEnvironmentVariable(string name) => Environment.GetEnvironmentVariable(name);

    /// <inheritdoc />
    public IDisposable OnStopSignal(Action<string> onSignal)
    {
        var registrations = new List<IDisposable>();
        foreach (var (signal, name) in new[] { (PosixSignal.SIGINT, "interrupted (SIGINT)"), (PosixSignal.SIGTERM, "terminated (SIGTERM)") })
        {
            registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                // Keep the process alive: the run stops itself and still writes its summary and outputs.
                context.Cancel = true;
                onSignal(name);
            }));
        }

        return new Registrations(registrations);
    }

    private sealed class Registrations(List<IDisposable> items) : IDisposable
    {
        public void Dispose() => items.ForEach(i => i.Dispose());
    }
}
