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
internal sealed record WorkerAssignment(string Worker, string Name, string Segment, string SegmentSequence, string PlanFile, string PlanText, IReadOnlyList<string> Env);

/// <summary>When the run starts: null until every worker has joined; an error when they did not in time.</summary>
internal sealed record StartSignal(DateTimeOffset? StartAt, string? Error, int Joined, int Expected);

/// <summary>A worker's running totals, sent each second.</summary>
/// <param name="Requests">HTTP requests so far.</param>
/// <param name="Errors">Failed requests so far.</param>
/// <param name="Vus">VUs active now.</param>
/// <param name="Iterations">Iterations so far.</param>
/// <param name="LatestEnd">
/// The latest its share can end, in seconds from its start (every scenario's end with its graceful stop, and setup
/// and teardown at their timeout); null until its run has started.
/// </param>
internal sealed record WorkerProgress(long Requests, long Errors, int Vus, long Iterations, double? LatestEnd = null);

/// <summary>A worker that cannot run its share (its plan did not load there) says so, rather than going silent.</summary>
internal sealed record WorkerFailure(string Message);
