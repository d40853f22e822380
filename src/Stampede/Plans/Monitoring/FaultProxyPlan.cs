namespace Stampede.Plans.Monitoring;

/// <summary>
/// Put the fault proxy between the VUs and the target. The plan's <c>baseUrl</c> is rewritten to the proxy, which
/// forwards to <see cref="Upstream"/> (default: the baseUrl's own host and port), so relative request URLs go through
/// it; absolute URLs to other hosts do not.
/// </summary>
public sealed record FaultProxyPlan
{
    /// <summary><c>host:port</c> to forward to. Default null: the plan's baseUrl.</summary>
    public string? Upstream { get; init; }

    /// <summary>Port to listen on, on 127.0.0.1. Default 0: any free port.</summary>
    public int ListenPort { get; init; }
}
