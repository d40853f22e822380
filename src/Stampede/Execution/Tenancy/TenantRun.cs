using System.Globalization;
using Stampede.Metrics;
using Stampede.Plans;
using Stampede.Plans.Tenants;
using Stampede.Thresholds;

namespace Stampede.Execution.Tenancy;

/// <summary>
/// A run's tenants from first call to last: creates them before setup, deletes them after teardown — also when the
/// run was stopped, interrupted or setup failed half way — unless the data is kept, and sums up the result.
/// </summary>
internal sealed class TenantRun : IDisposable
{
    /// <summary>How <see cref="RunMetadata.StopReason"/> reads when creating the tenants failed.</summary>
    public const string SetupFailedPrefix = "setup failed: tenants: ";

    private readonly TenantPlan _plan;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly TenantApiClient _client;
    private readonly TenantManifest _manifest;
    private readonly IReadOnlyList<PlannedOrganization> _layout;
    private TenantCleanupResult? _cleanup;
    private string? _setupError;

    public TenantRun(TestPlan plan, TimeProvider time)
    {
        _plan = plan.Tenants!;
        _time = time;
        _timeout = plan.SetupTimeout;
        RunId = _plan.RunId ?? TenantLayout.NewRunId();
        _layout = TenantLayout.Of(_plan, plan.Seed, RunId);
        _client = new TenantApiClient(plan.BaseUrl!, plan.Http.Timeout);
        _manifest = new TenantManifest
        {
            RunId = RunId,
            BaseUrl = plan.BaseUrl!,
            DeleteKey = _plan.Api.DeleteKey,
            DeleteUser = _plan.Api.DeleteUser,
            DeleteOrganization = _plan.Api.DeleteOrganization,
            Path = _plan.Manifest?.Replace("{run}", RunId, StringComparison.Ordinal),
        };
    }

    public string RunId { get; }

    public TenantDirectory? Directory { get; private set; }

    /// <summary>Creates the organisations, users and keys; false (with the reason in the run's stop) when that failed.</summary>
    public async Task<bool> ProvisionAsync(RunContext run)
    {
        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, run.Control.Graceful);
        try
        {
            Directory = await new TenantProvisioner(_plan, _client, _manifest).ProvisionAsync(_layout, linked.Token).ConfigureAwait(false);
            run.Tenants = Directory;
            return true;
        }
        catch (TenantSetupException exception)
        {
            _setupError = exception.Message;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            _setupError = $"creating the organisations took longer than {Duration.Format(_timeout)}";
        }
        catch (OperationCanceledException)
        {
            _setupError = "the run was stopped while the organisations were being created";
        }
        catch (IOException exception)
        {
            _setupError = $"writing the manifest {_manifest.Path}: {exception.Message}";
        }

        run.Errors.Record("setup", new TenantSetupException(_setupError));
        run.Control.RequestStop(SetupFailedPrefix + _setupError);
        return false;
    }

    /// <summary>
    /// Deletes what was created, unless the data is kept. Runs on a clock of its own, not the run's stop signals: a run
    /// that was interrupted must still clean up after itself.
    /// </summary>
    public async Task CleanupAsync()
    {
        if (_plan.KeepData)
        {
            await _manifest.SaveAsync(CancellationToken.None).ConfigureAwait(false);
            return;
        }

        using var timeout = new CancellationTokenSource(_timeout, _time);
        try
        {
            _cleanup = await TenantCleanup.RunAsync(_manifest, _client, _plan.CleanupAttempts, _time, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            var (orgs, users, keys) = _manifest.Counts();
            await _manifest.SaveAsync(CancellationToken.None).ConfigureAwait(false);
            _cleanup = new TenantCleanupResult
            {
                Failures = [string.Create(CultureInfo.InvariantCulture, $"cleanup took longer than {Duration.Format(_timeout)}: {orgs} organisations, {users} users and {keys} keys may be left")],
                Manifest = _manifest.Path,
            };
        }
    }

    /// <summary>The tenants' part of the result, from the run's tagged series.</summary>
    public TenantsResult Result(RunResult result) => new()
    {
        RunId = RunId,
        Tenants = [.. _layout.Select(o => Row(result, o))],
        UsersPastTagCap = Directory?.UsersPastTagCap ?? 0,
        Cleanup = _cleanup,
        Manifest = _plan.KeepData ? _manifest.Path : _cleanup?.Manifest,
        SetupError = _setupError,
        Isolation = _plan.Isolation is { } isolation ? IsolationJudge.Judge(isolation, result, [.. _layout.Select(o => o.Tag)]) : null,
    };

    private static TenantRow Row(RunResult result, PlannedOrganization org)
    {
        var selector = $"{{tenant:{org.Tag}}}";
        var http = SubmetricValues.Of(result, BuiltinMetrics.HttpReqs.Name + selector);
        var httpFailed = SubmetricValues.Of(result, BuiltinMetrics.HttpReqFailed.Name + selector);
        var llm = SubmetricValues.Of(result, BuiltinMetrics.LlmRequests.Name + selector);
        var llmErrors = SubmetricValues.Of(result, BuiltinMetrics.LlmErrors.Name + selector);
        var requests = (http?.Count ?? 0) + (llm?.Count ?? 0);
        var failures = (httpFailed?.Passes ?? 0) + (llmErrors?.Count ?? 0);
        var latency = SubmetricValues.Of(result, BuiltinMetrics.HttpReqDuration.Name + selector) ?? SubmetricValues.Of(result, BuiltinMetrics.LlmE2e.Name + selector);
        return new TenantRow
        {
            Tenant = org.Tag,
            Organization = org.Slug,
            Users = org.UserEmails.Count,
            Requests = requests,
            ErrorRate = requests == 0 ? 0 : failures / requests,
            P95Ms = latency?.P95,
            CostUsd = Math.Round(SubmetricValues.Of(result, BuiltinMetrics.LlmCost.Name + selector)?.Count ?? 0, 9),
        };
    }

    public void Dispose() => _client.Dispose();
}
