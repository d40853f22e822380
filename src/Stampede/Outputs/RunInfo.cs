using Stampede.Plans;

namespace Stampede.Outputs;

/// <summary>What an output knows when the run starts.</summary>
/// <param name="Plan">The plan being run.</param>
/// <param name="ExpectedDuration">The longest the run is scheduled to take (without graceful stops).</param>
public sealed record RunInfo(TestPlan Plan, TimeSpan ExpectedDuration);
