using Stampede.Cli.Hosting;
using Stampede.History.Store;

namespace Stampede.Cli.Commands;

/// <summary>
/// The history commands' shared opening: the store <c>--store</c> (else STAMPEDE_STORE) names, and the runs a command
/// names in it (an id, <c>last</c>, a result file, a baseline). Whatever cannot be had is reported here, the same way
/// for every command, and a read returns null; <see cref="ExitCode"/> then says what the command returns: 2 for what
/// the user typed (a malformed address, an unknown run, a malformed result file), 1 when the store cannot be read.
/// </summary>
internal sealed class StoredRuns : IAsyncDisposable
{
    private readonly IConsoleHost _host;
    private readonly IRunStore? _store;

    private StoredRuns(IConsoleHost host, IRunStore? store, int exitCode)
    {
        _host = host;
        _store = store;
        ExitCode = exitCode;
    }

    /// <summary>The exit code for the last read that returned null (its reason is already printed).</summary>
    public int ExitCode { get; private set; }

    /// <summary>Opens the store named by <paramref name="storeOption"/> (the <c>--store</c> value); nothing is read yet.</summary>
    public static StoredRuns Open(IConsoleHost host, string? storeOption)
    {
        try
        {
            return new StoredRuns(host, RunStores.Open(HistoryStoreOption.Address(host, storeOption)), ExitCodes.Ok);
        }
        catch (HistoryStoreException exception)
        {
            // A malformed address is something the user typed: report it like any bad option, not as a crash.
            host.Error.WriteLine($"error: {exception.Message}");
            return new StoredRuns(host, null, ExitCodes.BadInput);
        }
    }

    /// <summary>The run <paramref name="reference"/> names: a run id from 'stampede history', <c>last</c>, or a result file.</summary>
    public Task<LoadedRun?> LoadAsync(string reference, CancellationToken cancellationToken) =>
        FindAsync(
            store => RunLoader.LoadAsync(reference, store, cancellationToken: cancellationToken),
            $"no run '{reference}': give a run id from 'stampede history', 'last', or a result file");

    /// <summary>The baseline <paramref name="spec"/> names for <paramref name="current"/> (see <see cref="RunLoader.LoadBaselineAsync"/>).</summary>
    public Task<LoadedRun?> LoadBaselineAsync(string spec, LoadedRun current, CancellationToken cancellationToken) =>
        FindAsync(
            store => RunLoader.LoadBaselineAsync(spec, store, current.Result, current.Id, cancellationToken),
            $"no baseline '{spec}' for plan '{current.Result.Meta.Plan}' before {current.Label}");

    /// <summary>Reads something else from the store (a listing, a trend); null when the store cannot be read.</summary>
    public async Task<T?> ReadAsync<T>(Func<IRunStore, Task<T>> read)
        where T : class =>
        (await TryReadAsync(read).ConfigureAwait(false)).Value;

    public ValueTask DisposeAsync() => _store?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task<LoadedRun?> FindAsync(Func<IRunStore, Task<LoadedRun?>> find, string missing)
    {
        var (read, found) = await TryReadAsync(find).ConfigureAwait(false);
        if (read && found is null)
        {
            _host.Error.WriteLine($"error: {missing}");
            ExitCode = ExitCodes.BadInput;
        }

        return found;
    }

    private async Task<(bool Read, T? Value)> TryReadAsync<T>(Func<IRunStore, Task<T>> read)
    {
        if (_store is null)
        {
            return (false, default);
        }

        try
        {
            return (true, await read(_store).ConfigureAwait(false));
        }
        catch (Exception exception) when (exception is HistoryStoreException or FormatException or IOException)
        {
            _host.Error.WriteLine($"error: {exception.Message}");
            ExitCode = exception is HistoryStoreException ? ExitCodes.Failure : ExitCodes.BadInput;
            return (false, default);
        }
    }
}
