using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Stampede.Cli.Dashboard;

/// <summary>
/// Who may watch and who may steer. On a loopback address anyone on this machine may watch; on any other address
/// watching needs the token too. Steering always needs the token in an <c>Authorization: Bearer</c> header (a
/// page of another site cannot set one) and a request from the dashboard's own origin. On loopback the Host
/// header must name loopback as well, so a rebinding DNS name cannot reach the dashboard from a page elsewhere.
/// </summary>
internal sealed class DashboardAccess(string token, bool loopback)
{
    private readonly byte[] _token = Encoding.UTF8.GetBytes(token);

    public string Token => token;

    public bool Loopback => loopback;

    /// <summary>A new random token: 128 bits, URL-safe.</summary>
    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Null when the request may watch; else why not, with its status code.</summary>
    public (int Status, string Message)? CheckWatch(string host, string? queryToken, string? authorization)
    {
        if (CheckHost(host) is { } refused)
        {
            return refused;
        }

        if (loopback || Matches(queryToken) || Matches(Bearer(authorization)))
        {
            return null;
        }

        return (401, "this dashboard needs its token: open the address it printed (…/?token=TOKEN)");
    }

    /// <summary>Null when the request may steer the run; else why not, with its status code.</summary>
    public (int Status, string Message)? CheckControl(string host, string? authorization, string? origin, string? fetchSite)
    {
        if (CheckHost(host) is { } refused)
        {
            return refused;
        }

        if (!Matches(Bearer(authorization)))
        {
            return (401, "control needs the dashboard's token: send Authorization: Bearer TOKEN (stampede control URL --token TOKEN)");
        }

        // A browser names the page that sent a request; anything but the dashboard's own page is refused, so
        // another site open in the same browser cannot steer the run. Tools (curl, stampede control) send neither.
        var sameOrigin = origin is null || (Uri.TryCreate(origin, UriKind.Absolute, out var from) && string.Equals(from.Authority, host, StringComparison.OrdinalIgnoreCase) && from.Scheme == Uri.UriSchemeHttp);
        if (!sameOrigin || fetchSite is not (null or "same-origin" or "none"))
        {
            return (403, "refused: control requests must come from the dashboard's own page");
        }

        return null;
    }

    private (int Status, string Message)? CheckHost(string host)
    {
        if (!loopback)
        {
            return null;
        }

        var name = host;
        var colon = host.LastIndexOf(':');
        if (colon > 0 && !host.EndsWith(']'))
        {
            name = host[..colon];
        }

        name = name.Trim('[', ']');
        return name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(name, out var ip) && IPAddress.IsLoopback(ip))
            ? null
            : (421, "this dashboard answers on its loopback address only");
    }

    private static string? Bearer(string? authorization) =>
        authorization is not null && authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..].Trim() : null;

    private bool Matches(string? given) =>
        !string.IsNullOrEmpty(given) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _token);
}
