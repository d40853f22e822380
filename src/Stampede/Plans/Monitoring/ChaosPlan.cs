namespace Stampede.Plans.Monitoring;

/// <summary>Faults injected on a schedule while the run goes (the plan's <c>chaos:</c>), and how their effect is judged.</summary>
public sealed record ChaosPlan
{
    /// <summary>The faults. Default none.</summary>
    public IReadOnlyList<FaultPlan> Faults { get; init; } = [];

    /// <summary>Route the VUs' traffic through the fault proxy. Default null: no proxy (required by proxy faults).</summary>
    public FaultProxyPlan? Proxy { get; init; }

    /// <summary>Bounds for the resilience verdicts.</summary>
    public ResilienceOptions Resilience { get; init; } = new();
}
