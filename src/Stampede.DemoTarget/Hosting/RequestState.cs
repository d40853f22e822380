using Stampede.DemoTarget.Faults;

namespace Stampede.DemoTarget.Hosting;

/// <summary>What the pipeline decided for one request: its own seeded random and the fault knobs in force.</summary>
internal sealed class RequestState(SeededRandom random, FaultSettings faults)
{
    public SeededRandom Random { get; } = random;

    public FaultSettings Faults { get; } = faults;
}
