namespace Stampede.Plans;

/// <summary>HTTP settings every VU starts with.</summary>
public sealed record HttpDefaults
{
    /// <summary>Longest a request may take. Default 60s (k6's).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Redirects to follow; 0 follows none. Default 10.</summary>
    public int MaxRedirects { get; init; } = 10;

    /// <summary>Use HTTP/2 (h2c prior knowledge on http://, ALPN on https://). Default false: HTTP/1.1.</summary>
    public bool Http2 { get; init; }

    /// <summary>Accept any TLS certificate. Default false.</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>Keep a cookie jar per VU. Default true.</summary>
    public bool Cookies { get; init; } = true;

    /// <summary>All VUs share one connection pool instead of one each. Default false (k6's per-VU connections).</summary>
    public bool ShareConnections { get; init; }

    /// <summary>Keep response bodies so checks can read them. Default true; false discards them unread-into-memory.</summary>
    public bool KeepBodies { get; init; } = true;

    /// <summary>Headers sent with every request.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
