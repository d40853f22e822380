using System.Text;

namespace Stampede.Protocols.Http;

/// <summary>
/// What the lean HTTP/1.1 client needs to know about a URL, worked out once per URL and cached by the session:
/// the connection it needs (scheme, host, port) and the request target and Host header as bytes.
/// </summary>
internal sealed class Http1Target
{
    public Http1Target(Uri uri)
    {
        Uri = uri;
        Tls = uri.Scheme == Uri.UriSchemeHttps;
        Host = uri.IdnHost;
        Port = uri.Port;
        PathAndQuery = Encoding.ASCII.GetBytes(uri.PathAndQuery);

        // Like the handler: the port only when it is not the scheme's default; IPv6 literals keep their brackets.
        var authority = uri.HostNameType == UriHostNameType.IPv6 ? "[" + Host + "]" : Host;
        HostHeader = Encoding.ASCII.GetBytes("Host: " + (uri.IsDefaultPort ? authority : authority + ":" + Port) + "\r\n");
    }

    public Uri Uri { get; }

    public bool Tls { get; }

    /// <summary>The host name (punycode for international names), without brackets.</summary>
    public string Host { get; }

    public int Port { get; }

    public byte[] PathAndQuery { get; }

    /// <summary>"Host: name[:port]\r\n".</summary>
    public byte[] HostHeader { get; }

    /// <summary>Whether a connection made for <paramref name="other"/> can carry a request for this target.</summary>
    public bool SameEndpoint(Http1Target other) =>
        ReferenceEquals(this, other) || (Tls == other.Tls && Port == other.Port && string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase));
}
