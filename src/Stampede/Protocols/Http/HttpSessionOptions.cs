using System.Net;

namespace Stampede.Protocols.Http;

/// <summary>How a virtual user's HTTP session behaves. Immutable; validate once when the plan loads.</summary>
internal sealed record HttpSessionOptions
{
    /// <summary>"stampede/&lt;major.minor.patch&gt;" of this assembly.</summary>
    public static readonly string DefaultUserAgent =
        "stampede/" + (typeof(HttpSessionOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    /// <summary>Base for relative request URLs. Default: none (URLs must be absolute).</summary>
    public Uri? BaseAddress { get; init; }

    /// <summary>
    /// HTTP version: 1.1 (default) or 2.0. With 2.0 the version is required exactly: over http:// that means
    /// HTTP/2 with prior knowledge (h2c), over https:// that means ALPN must select h2.
    /// </summary>
    public Version Version { get; init; } = HttpVersion.Version11;

    /// <summary>Whole-request timeout including reading the body. Default: 60 s (k6's).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Redirects followed per request. Default: 10 (k6's); 0 returns the 3xx response itself.</summary>
    public int MaxRedirects { get; init; } = 10;

    /// <summary>Keep cookies per session (one jar per virtual user). Default: on.</summary>
    public bool Cookies { get; init; } = true;

    /// <summary>Accept any server certificate. Default: off.</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>Default body handling: <see cref="ResponseBodyMode.Keep"/> (k6's "text"), or <see cref="ResponseBodyMode.Discard"/>.</summary>
    public ResponseBodyMode ResponseBody { get; init; } = ResponseBodyMode.Keep;

    /// <summary>
    /// One connection pool for all virtual users instead of one per user (k6's default is per user). Default: off.
    /// Whoever creates the sessions honours it by passing one shared <see cref="HttpTransport"/>.
    /// </summary>
    public bool ShareHandler { get; init; }

    /// <summary>Headers sent with every request. Default: none.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> DefaultHeaders { get; init; } = [];

    /// <summary>User-Agent header. Default: <see cref="DefaultUserAgent"/>. Empty sends none.</summary>
    public string UserAgent { get; init; } = DefaultUserAgent;

    /// <summary>Connection cap per server. Default: unlimited (a sequential virtual user needs one).</summary>
    public int MaxConnectionsPerServer { get; init; } = int.MaxValue;

    /// <summary>
    /// Send every request through .NET's <see cref="SocketsHttpHandler"/>. Default: off — plain HTTP/1.1 requests
    /// (http:// or https://, body kept or discarded) go through Stampede's lean HTTP/1.1 client, which costs
    /// a fraction of the CPU per request; HTTP/2, streamed bodies and unusual requests use the handler anyway.
    /// </summary>
    public bool UseSocketsHttpHandler { get; init; }

    /// <summary>
    /// The event loop that serves the lean client's plain-HTTP connections, or null for .NET's sockets. Whoever
    /// sets it owns it; code awaiting those connections then continues on the loop's thread (see <see cref="EpollLoop"/>).
    /// </summary>
    public EpollLoop? SocketLoop { get; init; }

    /// <summary>Every problem with these options, or none.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (BaseAddress is not null
            && (!BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttp && BaseAddress.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"BaseAddress '{BaseAddress}' must be an absolute http:// or https:// URL.");
        }

        if (Version != HttpVersion.Version11 && Version != HttpVersion.Version20)
        {
            errors.Add($"Version {Version} is not supported; use 1.1 or 2.0.");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            errors.Add($"Timeout must be positive (was {Timeout}).");
        }

        if (MaxRedirects < 0)
        {
            errors.Add($"MaxRedirects must be 0 or more (was {MaxRedirects}).");
        }

        if (ResponseBody == ResponseBodyMode.Stream)
        {
            errors.Add("ResponseBody Stream can only be asked for per request, not as a session default.");
        }
        else if (!Enum.IsDefined(ResponseBody))
        {
            errors.Add($"ResponseBody {ResponseBody} is not a known mode.");
        }

        if (MaxConnectionsPerServer < 1)
        {
            errors.Add($"MaxConnectionsPerServer must be at least 1 (was {MaxConnectionsPerServer}).");
        }

        if (UserAgent is null)
        {
            errors.Add("UserAgent must not be null; use an empty string to send none.");
        }

        foreach (var (name, _) in DefaultHeaders ?? [])
        {
            if (string.IsNullOrWhiteSpace(name) || name.Any(c => c <= ' ' || c >= 127 || c == ':'))
            {
                errors.Add($"Default header name '{name}' is not a valid header name.");
            }
        }

        return errors;
    }
}
