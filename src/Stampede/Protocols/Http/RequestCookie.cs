namespace Stampede.Protocols.Http;

/// <summary>A cookie one request sends besides the VU's jar (k6's per-request <c>cookies</c>).</summary>
/// <param name="Name">The cookie's name.</param>
/// <param name="Value">Its value, sent as given.</param>
/// <param name="Replace">
/// True: the jar's cookie of the same name is not sent with this request. False (k6's default): both are sent, this
/// one first.
/// </param>
public readonly record struct RequestCookie(string Name, string Value, bool Replace = false);
