using Stampede.DemoTarget.Hosting;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace Stampede.DemoTarget.Sessions;

/// <summary>
/// What a browser-like client's session meets: cookies set and echoed, redirect chains, and a Basic-auth login.
/// <c>GET /api/cookies</c> answers the cookies the request sent; <c>GET /api/cookies/set?name=value…</c> sets each
/// query pair as a cookie (path <c>/</c>) and answers like <c>/api/cookies</c>; <c>GET /api/redirect/{n}</c> answers
/// 302 to <c>/api/redirect/{n-1}</c> until <c>n</c> is 0; <c>GET /api/basic-auth/{user}/{password}</c> answers 200 to
/// those Basic credentials and 401 with a challenge to anything else.
/// </summary>
internal static class SessionEndpoints
{
    private const int MaxRedirectChain = 50;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cookies", (HttpRequest request) => Results.Ok(Echo(request, [])));
        app.MapGet("/api/cookies/set", (HttpRequest request, HttpResponse response) =>
        {
            var set = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, values) in request.Query)
            {
                var value = values.ToString();
                response.Cookies.Append(name, value, new CookieOptions { Path = "/", HttpOnly = true });
                set[name] = value;
            }

            return Results.Ok(Echo(request, set));
        });
        app.MapGet("/api/redirect/{n:int}", (int n) =>
            n is < 0 or > MaxRedirectChain
                ? Results.BadRequest(new ErrorResponse("invalid_request", $"n must be 0 to {MaxRedirectChain}."))
                : n == 0 ? Results.Ok(new RedirectResponse(0)) : Results.Redirect($"/api/redirect/{n - 1}"));
        app.MapGet("/api/basic-auth/{user}/{password}", (HttpRequest request, HttpResponse response, string user, string password) =>
        {
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
            if (request.Headers.Authorization.ToString() == expected)
            {
                return Results.Ok(new AuthenticatedResponse(true, user));
            }

            response.Headers[HeaderNames.WWWAuthenticate] = "Basic realm=\"demo\"";
            return Results.Json(new AuthenticatedResponse(false, ""), DemoJsonContext.Default.AuthenticatedResponse, statusCode: StatusCodes.Status401Unauthorized);
        });
    }

    /// <summary>The request's cookies by name (the last of a repeated name) and its <c>Cookie</c> header as sent, with the cookies just set.</summary>
    private static CookiesResponse Echo(HttpRequest request, Dictionary<string, string> set)
    {
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in request.Cookies)
        {
            cookies[name] = value;
        }

        return new CookiesResponse(cookies, request.Headers.Cookie.ToString(), set);
    }
}

/// <summary>The cookies a request sent, its <c>Cookie</c> header as it was, and the cookies the response set.</summary>
internal sealed record CookiesResponse(Dictionary<string, string> Cookies, string Header, Dictionary<string, string> Set);

/// <summary>The end of a redirect chain.</summary>
internal sealed record RedirectResponse(int Remaining);

/// <summary>Whether the Basic credentials matched, and whose they were.</summary>
internal sealed record AuthenticatedResponse(bool Authenticated, string User);
