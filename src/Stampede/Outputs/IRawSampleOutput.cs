using Stampede.Metrics;

namespace Stampede.Outputs;

/// <summary>An output that can take every raw sample. The engine taps the metrics only when one asks.</summary>
public interface IRawSampleOutput
{
    /// <summary>True when this output wants raw samples for this run.</summary>
    bool WantsRawSamples { get; }

    /// <summary>Hands over the tap before the run starts; drain it on the tick and at the end.</summary>
    void AttachSamples(SampleTap tap);
}
