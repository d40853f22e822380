using Stampede.Cli.Commands;
using Stampede.Cli.Hosting;
using Stampede.History;
using Stampede.History.Comparison;
using Stampede.History.Store;
using Stampede.Metrics;
using Stampede.Plans;

namespace Stampede.Cli;

/// <summary>
/// Stores every run in the run history (unless <c>--no-history</c>) and, with <c>--baseline</c>, compares it with
/// its baseline in the same step: a regression turns a passing run's exit code into 98.
/// </summary>
internal sealed class RunHistoryHook
{
    private readonly IConsoleHost _host;
    private readonly RunSettings _settings;
    private readonly ComparisonOptions _comparison;

    private RunHistoryHook(IConsoleHost host, RunSettings settings, ComparisonOptions comparison)
    {
        _host = host;
        _settings = settings;
        _comparison = comparison;
    }

    /// <summary>Checks the history options before anything runs; problems go to <paramref name="errors"/>.</summary>
    public static RunHistoryHook Create(IConsoleHost host, RunSettings settings, List<PlanError> errors)
    {
        var comparison = new ComparisonOptions();
        if (settings.Baseline is { } baseline)
        {
            if (settings.NoHistory)
            {
                errors.Add(new PlanError("--baseline", "--baseline needs the run history; drop --no-history"));
            }
            else if (!RunLoader.IsBaselineSpec(baseline))
            {
                errors.Add(new PlanError("--baseline", $"'{baseline}': expected last-passed, last, tag:KEY[=VALUE], a run id or a result .json file"));
            }
        }

        var address = HistoryStoreOption.Address(host, settings.Store);
        if (!settings.NoHistory && !HistoryStoreOption.IsOff(address) && RunStores.ProblemWith(address) is { } problem)
        {
            errors.Add(new PlanError("--store", problem));
        }

        if (settings.Regressions is { } file)
        {
            comparison = comparison with { Rules = HistoryStoreOption.ReadRules(file, errors) };
        }

        return new RunHistoryHook(host, settings, comparison);
    }

    /// <summary>
    /// Stores the run and applies <c>--baseline</c>; returns the exit code to use. The plan text it keeps is
    /// redacted with <paramref name="redact"/>, the plan's own parameter names, added to the built-in ones.
    /// </summary>
    public async Task<int> AfterRunAsync(RunResult result, int exitCode, IReadOnlyList<string> redact)
    {
        var address = HistoryStoreOption.Address(_host, _settings.Store);
        if (_settings.NoHistory || HistoryStoreOption.IsOff(address))
        {
            return exitCode;
        }

        IRunStore store;
        try
        {
            store = RunStores.Open(address);
        }
        catch (Exception exception) when (exception is DllNotFoundException or TypeInitializationException)
        {
            // The SQLite library ships beside the executable; a copied-out binary without it still runs tests.
            _host.Error.WriteLine($"warning: the run was not stored in the history: the store could not be opened ({exception.GetBaseException().Message})");
            return _settings.Baseline is not null && exitCode == ExitCodes.Ok ? ExitCodes.Failure : exitCode;
        }

        await using var _ = store.ConfigureAwait(false);
        long id;
        try
        {
            id = await store.SaveAsync(new RunRecord
            {
                Result = result,
                PlanText = result.Meta.Source is { } source && File.Exists(source)
                    ? Yaml.PlanTextRedaction.Redact(await File.ReadAllTextAsync(source).ConfigureAwait(false), new UrlRedaction(redact))
                    : null,
                GitCommit = GitCommit.Read(Directory.GetCurrentDirectory()),
            }).ConfigureAwait(false);
        }
        catch (HistoryStoreException exception)
        {
            _host.Error.WriteLine($"warning: the run was not stored in the history: {exception.Message}");
            return _settings.Baseline is not null && exitCode == ExitCodes.Ok ? ExitCodes.Failure : exitCode;
        }

        _host.Out.WriteLine($"history: stored as run #{id} (stampede show {id})");
        if (_settings.Baseline is not { } spec)
        {
            return exitCode;
        }

        LoadedRun? baseline;
        try
        {
            baseline = await RunLoader.LoadBaselineAsync(spec, store, result, id).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HistoryStoreException or FormatException or IOException)
        {
            _host.Error.WriteLine($"error: the baseline '{spec}' could not be read: {exception.Message}");
            return exitCode == ExitCodes.Ok ? ExitCodes.Failure : exitCode;
        }

        if (baseline is null)
        {
            _host.Out.WriteLine($"history: no baseline '{spec}' for plan '{result.Meta.Plan}' yet; nothing to compare");
            return exitCode;
        }

        var report = RunComparer.Compare(baseline.Result, result, _comparison, baseline.Label, $"#{id} (this run)");
        await _host.Out.WriteAsync(Environment.NewLine + ComparisonFormatter.Table(report)).ConfigureAwait(false);
        return report.HasRegression && exitCode == ExitCodes.Ok ? ExitCodes.RegressionFound : exitCode;
    }
}
