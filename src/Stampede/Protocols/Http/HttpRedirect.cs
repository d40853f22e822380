namespace Stampede.Protocols.Http;

/// <summary>
/// The next hop of a redirect, and the one rule that decides it for both of the session's paths: where to, with
/// which method and body.
/// </summary>
/// <remarks>
/// 301/302/303 turn anything but GET and HEAD into a GET without a body (what browsers and k6 do, whatever RFC 9110
/// allows for 301/302); 307/308 resend method and body as they were. Only http and https targets are followed: a
/// <c>Location</c> pointing at <c>ftp:</c>, <c>file:</c> or anything else ends the chain at the 3xx, which the caller
/// then returns as the response. A value type, so deciding a hop allocates nothing beyond the next URI.
/// </remarks>
internal readonly record struct HttpRedirect(Uri Target, HttpMethod Method, HttpBody? Body)
{
    /// <summary>The statuses that carry a <c>Location</c> to follow (304 and 305 do not).</summary>
    public static bool IsRedirectStatus(int status) => status is 301 or 302 or 303 or 307 or 308;

    /// <summary>Decides whether a response is followed, and if so to where and how.</summary>
    /// <param name="status">The response's status.</param>
    /// <param name="current">The absolute URI that gave this response; a relative <paramref name="location"/> resolves against it.</param>
    /// <param name="location">The response's <c>Location</c> value as sent; null when there is none.</param>
    /// <param name="redirects">How many redirects were followed before this response.</param>
    /// <param name="maxRedirects">How many the session follows at most (0: none).</param>
    /// <param name="method">The method of the request that gave this response.</param>
    /// <param name="body">The body of the request that gave this response.</param>
    /// <param name="next">The next hop when this returns true; default otherwise.</param>
    /// <returns>False when the chain stops here and this response is the one to return.</returns>
    public static bool TryFollow(
        int status, Uri current, string? location, int redirects, int maxRedirects, HttpMethod method, HttpBody? body,
        out HttpRedirect next)
    {
        if (redirects >= maxRedirects || !IsRedirectStatus(status) || location is null
            || !Uri.TryCreate(current, location, out var target)
            || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
        {
            next = default;
            return false;
        }

        next = status is 307 or 308 || method == HttpMethod.Get || method == HttpMethod.Head
            ? new HttpRedirect(target, method, body)
            : new HttpRedirect(target, HttpMethod.Get, null);
        return true;
    }
}
