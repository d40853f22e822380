using System.Globalization;
using System.Net;

namespace Stampede.Cli.Dashboard;

/// <summary>Where <c>--dashboard [HOST:]PORT</c> listens: 127.0.0.1:5665 unless told otherwise.</summary>
internal sealed record DashboardAddress(IPAddress Address, int Port)
{
    public const int DefaultPort = 5665;

    public static DashboardAddress Default { get; } = new(IPAddress.Loopback, DefaultPort);

    public bool IsLoopback => IPAddress.IsLoopback(Address);

    /// <summary>Reads <c>PORT</c>, <c>HOST:PORT</c>, <c>HOST</c> or <c>[IPv6]:PORT</c>; HOST must be an IP address.</summary>
    public static DashboardAddress? Parse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return Default;
        }

        text = text.Trim();
        string hostPart = text, portPart = "";
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            hostPart = close > 0 ? text[1..close] : text;
            portPart = close > 0 && close + 1 < text.Length && text[close + 1] == ':' ? text[(close + 2)..] : "";
        }
        else if (text.Count(c => c == ':') == 1)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            hostPart = text[..colon];
            portPart = text[(colon + 1)..];
        }
        else if (text.All(char.IsAsciiDigit))
        {
            hostPart = "";
            portPart = text;
        }

        var address = IPAddress.Loopback;
        if (hostPart.Length > 0 && !IPAddress.TryParse(hostPart, out address!))
        {
            error = $"'{text}' is not [HOST:]PORT with HOST an IP address (e.g. 127.0.0.1:5665, 0.0.0.0:5665 or 5665)";
            return null;
        }

        var port = DefaultPort;
        if (portPart.Length > 0 && (!int.TryParse(portPart, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535))
        {
            error = $"'{text}': the port must be a number from 0 to 65535";
            return null;
        }

        return new DashboardAddress(address, port);
    }
}
