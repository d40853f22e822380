namespace Stampede.Plans.Monitoring;

/// <summary>What a scheduled fault does. One of <see cref="CommandFault"/>, <see cref="HttpFault"/>, <see cref="ProxyFault"/>, <see cref="DelegateFault"/>.</summary>
public abstract record FaultAction
{
    private protected FaultAction()
    {
    }

    /// <summary>The annotation kind: <c>command</c>, <c>http</c>, <c>proxy</c> or <c>code</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>What the fault does, in a few words, for the annotation.</summary>
    public abstract string Describe();
}

/// <summary>Runs a shell command (e.g. restart the target, <c>kubectl delete pod …</c>) and waits for it, up to <see cref="Timeout"/>.</summary>
public sealed record CommandFault(string Command) : FaultAction
{
    /// <summary>Longest the command may run before it is killed. Default 60s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <inheritdoc />
    public override string Kind => "command";

    /// <inheritdoc />
    public override string Describe() => $"command: {Command}";
}

/// <summary>Calls an HTTP endpoint (e.g. a fault knob of the target).</summary>
public sealed record HttpFault(Uri Url) : FaultAction
{
    /// <summary>The method. Default POST.</summary>
    public string Method { get; init; } = "POST";

    /// <summary>Request headers. Default none.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>A request body, sent as JSON when it looks like JSON. Default null.</summary>
    public string? Body { get; init; }

    /// <inheritdoc />
    public override string Kind => "http";

    /// <inheritdoc />
    public override string Describe() => $"{Method} {Url}";
}

/// <summary>Degrades traffic through the fault proxy for the fault's window (<see cref="FaultPlan.For"/>).</summary>
public sealed record ProxyFault(ProxyConditions Conditions) : FaultAction
{
    /// <inheritdoc />
    public override string Kind => "proxy";

    /// <inheritdoc />
    public override string Describe() => $"proxy: {Conditions}";
}

/// <summary>Runs C# code (the C# API only): e.g. stop an in-process target and start it again.</summary>
public sealed record DelegateFault(string Description, Func<CancellationToken, Task> Run) : FaultAction
{
    /// <inheritdoc />
    public override string Kind => "code";

    /// <inheritdoc />
    public override string Describe() => Description;
}
