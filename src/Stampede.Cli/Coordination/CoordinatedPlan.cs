using Stampede.Plans;

namespace Stampede.Cli.Coordination;

/// <summary>The plan a coordinator hands its workers, and what it needs to know of it itself.</summary>
/// <param name="File">The plan's file name (its extension says YAML or k6 script).</param>
/// <param name="Text">The plan's text.</param>
/// <param name="Env">The <c>--env</c> values handed to the workers.</param>
/// <param name="Files">The files beside the plan.</param>
/// <param name="Thresholds">The plan's thresholds; the coordinator judges the <c>abortOnFail</c> ones.</param>
/// <param name="HasSetup">The plan has a setup, which one worker runs for all.</param>
/// <param name="HasTeardown">The plan has a teardown, which one worker runs for all.</param>
internal sealed record CoordinatedPlan(string File, string Text, IReadOnlyList<string> Env, IReadOnlyList<BundledFile> Files, IReadOnlyList<ThresholdPlan> Thresholds, bool HasSetup = false, bool HasTeardown = false);
