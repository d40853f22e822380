using Stampede.Metrics;

namespace Stampede.Outputs.Dashboard;

/// <summary>What a dashboard frame says besides the metrics: whether the run is paused, what happened to it, and how many frames slow browsers missed.</summary>
/// <param name="Paused">Whether iterations are paused.</param>
/// <param name="Events">Chaos faults and control actions so far, in run seconds.</param>
/// <param name="DroppedFrames">Frames not delivered to some browser because it read too slowly, over all browsers.</param>
internal sealed record DashboardState(bool Paused, IReadOnlyList<RunAnnotation> Events, long DroppedFrames);
