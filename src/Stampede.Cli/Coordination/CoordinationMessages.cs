using Stampede.Metrics;

namespace Stampede.Cli.Coordination;

// The messages a coordinator and its workers exchange, as JSON (CoordinationJsonContext); docs/distributed.md
// describes the exchange.

/// <summary>A worker asking for a share of the run.</summary>
/// <param name="Name">How the coordinator names it in progress and errors.</param>
/// <param name="Index">
/// The segment it asks for, from 0 (a Kubernetes Indexed Job's completion index), or null for the next one free.
/// </param>
internal sealed record WorkerJoin(string Name, int? Index = null);

/// <summary>A worker's share: the plan's text and the segment of the evenly split sequence it runs.</summary>
/// <param name="Worker">The worker's id for the coordinator's other addresses.</param>
/// <param name="Name">Its name, made unique among the workers.</param>
/// <param name="Segment">Its segment, e.g. <c>1/3:2/3</c>.</param>
/// <param name="SegmentSequence">The whole split, e.g. <c>0,1/3,2/3,1</c>.</param>
/// <param name="PlanFile">The plan's file name (its extension says YAML or k6 script).</param>
/// <param name="PlanText">The plan's text.</param>
/// <param name="Env">The coordinator's <c>--env</c> values, KEY=VALUE.</param>
/// <param name="AbortSelectors">
/// The metrics and submetrics of the plan's <c>abortOnFail</c> thresholds: the coordinator judges those on every
/// worker's totals together, so the worker sends its totals of them and does not abort on its share alone.
/// </param>
/// <param name="Files">The files beside the plan (<see cref="PlanBundle"/>), by their path relative to its folder.</param>
/// <param name="Lifecycle">
/// Who runs the plan's setup and teardown: <see cref="LifecycleRoles.ForAll"/> (this worker, once for every worker),
/// <see cref="LifecycleRoles.Elsewhere"/> (another worker; this one gets setup's data with the start), or null
/// (the plan has neither).
/// </param>
internal sealed record WorkerAssignment(string Worker, string Name, string Segment, string SegmentSequence, string PlanFile, string PlanText, IReadOnlyList<string> Env, IReadOnlyList<string>? AbortSelectors = null, IReadOnlyList<BundledFile>? Files = null, string? Lifecycle = null);

/// <summary>The values of <see cref="WorkerAssignment.Lifecycle"/>.</summary>
internal static class LifecycleRoles
{
    public const string ForAll = "for-all";

    public const string Elsewhere = "elsewhere";
}

/// <summary>A file beside the plan: its path relative to the plan's folder (with <c>/</c>) and its bytes, base64.</summary>
internal sealed record BundledFile(string Path, string Content);

/// <summary>When the run starts: null until every worker has joined (and setup has run); an error when they did not in time.</summary>
/// <param name="StartAt">When every worker starts its share.</param>
/// <param name="Error">Why the run cannot start, or null.</param>
/// <param name="Joined">How many workers have joined.</param>
/// <param name="Expected">How many are expected.</param>
/// <param name="RunSetup">True for the worker that sets up for all, once every worker has joined: start now and run setup.</param>
/// <param name="SetupData">What setup returned, as the plan's front end writes it, with the start.</param>
internal sealed record StartSignal(DateTimeOffset? StartAt, string? Error, int Joined, int Expected, bool RunSetup = false, string? SetupData = null);

/// <summary>What the worker that sets up for all reports: setup's data, or why setup failed.</summary>
internal sealed record SetupOutcome(string? Data, string? Error);

/// <summary>Whether the worker that tears down for all may: true once every other worker is done.</summary>
internal sealed record TeardownSignal(bool Go);

/// <summary>A worker's running totals, sent each second.</summary>
/// <param name="Requests">HTTP requests so far.</param>
/// <param name="Errors">Failed requests so far.</param>
/// <param name="Vus">VUs active now.</param>
/// <param name="Iterations">Iterations so far.</param>
/// <param name="LatestEnd">
/// The latest its share can end, in seconds from its start (every scenario's end with its graceful stop, and setup
/// and teardown at their timeout); null until its run has started.
/// </param>
/// <param name="Totals">The worker's totals so far of each of <see cref="WorkerAssignment.AbortSelectors"/> it has samples of.</param>
internal sealed record WorkerProgress(long Requests, long Errors, int Vus, long Iterations, double? LatestEnd = null, IReadOnlyList<SelectorTotals>? Totals = null);

/// <summary>
/// A worker's totals of one metric or submetric so far, merged over its series, in the form that adds up across
/// workers exactly (counts, passes, sums, min and max, and the HDR histogram, base64 as results hold it).
/// </summary>
internal sealed record SelectorTotals(string Selector, MetricKind Kind, MetricUnit Unit, double Count, long Passes, double? Value, double? Min, double? Max, double Sum, string? Histogram);

/// <summary>The coordinator's answer to progress: <paramref name="Stop"/> says why every worker must stop now, or is null.</summary>
internal sealed record ProgressAnswer(string? Stop);

/// <summary>A worker that cannot run its share (its plan did not load there) says so, rather than going silent.</summary>
internal sealed record WorkerFailure(string Message);
