using System.Diagnostics;
using System.Net;
using System.Text;
using Shouldly;
using Stampede.Protocols.Http;
using Stampede.Tests.TestServers;
using Xunit;

namespace Stampede.Tests.Protocols.Http;

/// <summary>The HTTP session's behaviour on its default path (the lean HTTP/1.1 client where it applies); see also <see cref="HttpSessionHandlerPathTests"/>.</summary>
public class HttpSessionTests(TestHttpServers servers) : IClassFixture<TestHttpServers>
{
    /// <summary>True to force every request through SocketsHttpHandler: both paths must behave the same.</summary>
    protected virtual bool UseSocketsHttpHandler => false;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The event loop for plain-HTTP connections, or null for .NET's sockets: all paths must behave the same.</summary>
    private protected virtual EpollLoop? SocketLoop => null;

    private HttpSessionOptions Options() => new() { UseSocketsHttpHandler = UseSocketsHttpHandler, SocketLoop = SocketLoop };

    private HttpSession NewSession(TestHttpServer? server = null, HttpSessionOptions? options = null) =>
        new((options ?? Options()) with { BaseAddress = (server ?? servers.Http1).BaseAddress });

    /// <summary>
    /// The server holds the headers back, then the body, each for at least its delay on the clock the client times
    /// itself with. The header delay falls between the start of sending and the first byte, so sending and waiting
    /// together hold all of it; waiting alone holds most of it (a client thread descheduled just after its write
    /// moves a few milliseconds into sending). Receiving must hold at least half the body delay, so neither delay
    /// was folded into the other, and waiting plus receiving cannot be longer than the whole call took on the test's
    /// clock. A busy machine stretches waiting and, when the head is read late, shortens receiving by as much, so
    /// there are no tighter bounds that hold.
    /// </summary>
    private static void ShouldSplitServerDelays(HttpResponse response, TimeSpan wall)
    {
        (response.Timings.Sending + response.Timings.Waiting).ShouldBeGreaterThanOrEqualTo(TestHttpServer.HeaderDelayMs);
        response.Timings.Waiting.ShouldBeGreaterThanOrEqualTo(TestHttpServer.HeaderDelayMs / 2);
        response.Timings.Receiving.ShouldBeGreaterThanOrEqualTo(TestHttpServer.BodyDelayMs / 2);
        (response.Timings.Waiting + response.Timings.Receiving).ShouldBeLessThanOrEqualTo(wall.TotalMilliseconds);
    }

    [Fact]
    public async Task SendAsync_HeadersAndBodyDelayed_SplitsWaitingAndReceiving()
    {
        await using var session = NewSession();
        await session.GetAsync("/hello", Ct); // connect first, so the measured request is a pure exchange

        var started = Stopwatch.GetTimestamp();
        var response = await session.GetAsync("/delayed", Ct);
        var wall = Stopwatch.GetElapsedTime(started);

        response.Status.ShouldBe(200);
        response.Body.ShouldBe("delayed body");
        ShouldSplitServerDelays(response, wall);
        response.Timings.Duration.ShouldBe(response.Timings.Sending + response.Timings.Waiting + response.Timings.Receiving);
        response.Timings.FirstByteTimestamp.ShouldBeGreaterThan(response.Timings.StartTimestamp);
    }

    [Fact]
    public async Task SendAsync_NewThenReusedConnection_ConnectingOnlyOnFirst()
    {
        await using var session = NewSession();

        var first = await session.GetAsync("/hello", Ct);
        var second = await session.GetAsync("/hello", Ct);

        first.Timings.Connecting.ShouldBeGreaterThan(0);
        first.Timings.Sending.ShouldBeGreaterThan(0);
        second.Timings.Connecting.ShouldBe(0);
        second.Timings.TlsHandshaking.ShouldBe(0);
        second.Timings.Waiting.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task SendAsync_PortClosed_ConnectionRefusedWithoutThrowing()
    {
        await using var session = new HttpSession(Options());

        var response = await session.GetAsync($"http://127.0.0.1:{ClosedPort.Next()}/", Ct);

        response.Status.ShouldBe(0);
        response.Error.ShouldBe(HttpErrorKind.ConnectionRefused);
        response.ErrorCode.ShouldBe(1212);
        response.ExpectedStatus.ShouldBeFalse();
    }

    [Fact]
    public async Task SendAsync_SlowerThanTimeout_RequestTimeout()
    {
        await using var session = NewSession(options: Options() with { Timeout = TimeSpan.FromMilliseconds(200) });

        var response = await session.GetAsync("/slow/3000", Ct);

        response.Status.ShouldBe(0);
        response.Error.ShouldBe(HttpErrorKind.RequestTimeout);
        response.ErrorCode.ShouldBe(1050);
        response.ErrorMessage.ShouldBe("request timeout");
    }

    [Fact]
    public async Task SendAsync_PerRequestTimeout_OverridesSession()
    {
        await using var session = NewSession();

        var response = await session.SendAsync(
            new HttpRequestSpec(HttpMethod.Get, "/slow/3000") { Timeout = TimeSpan.FromMilliseconds(150) }, Ct);

        response.Error.ShouldBe(HttpErrorKind.RequestTimeout);
    }

    [Fact]
    public async Task SendAsync_AfterTimeout_SessionStillWorks()
    {
        await using var session = NewSession(options: Options() with { Timeout = TimeSpan.FromMilliseconds(150) });
        await session.GetAsync("/slow/3000", Ct);

        var response = await session.GetAsync("/hello", Ct);

        response.Status.ShouldBe(200);
        response.Error.ShouldBe(HttpErrorKind.None);
    }

    [Fact]
    public async Task SendAsync_CallerCancels_Cancelled()
    {
        await using var session = NewSession();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(100);

        var response = await session.GetAsync("/slow/3000", cts.Token);

        response.Error.ShouldBe(HttpErrorKind.Cancelled);
    }

    // Kestrel's abort closes an HTTP/1.1 connection mid-response: .NET sees a premature end of the response,
    // which we report as ConnectionReset with k6's generic code (Go says "unexpected EOF").
    [Fact]
    public async Task SendAsync_ServerAborts_ConnectionReset()
    {
        await using var session = NewSession();

        var response = await session.GetAsync("/abort", Ct);

        response.Status.ShouldBe(0);
        response.Error.ShouldBe(HttpErrorKind.ConnectionReset);
    }

    // Over HTTP/2 an abort resets only the stream: that is a protocol error, not a dropped connection.
    [Fact]
    public async Task SendAsync_ServerAbortsHttp2Stream_Protocol()
    {
        await using var session = NewSession(servers.Http2, Options() with { Version = HttpVersion.Version20 });

        var response = await session.GetAsync("/abort", Ct);

        response.Status.ShouldBe(0);
        response.Error.ShouldBe(HttpErrorKind.Protocol);
        response.ErrorCode.ShouldBeInRange(1630, 1644);
    }

    [Fact]
    public async Task SendAsync_NotFound_StatusErrorWithTimings()
    {
        await using var session = NewSession();

        var response = await session.GetAsync("/status/404", Ct);

        response.Status.ShouldBe(404);
        response.Error.ShouldBe(HttpErrorKind.Status);
        response.ErrorCode.ShouldBe(1404);
        response.ExpectedStatus.ShouldBeFalse();
        response.Timings.Waiting.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task SendAsync_ExpectedStatusesOverride_NotFoundIsExpected()
    {
        await using var session = NewSession();

        var response = await session.SendAsync(
            new HttpRequestSpec(HttpMethod.Get, "/status/404") { ExpectedStatuses = ExpectedStatuses.Of(404) }, Ct);

        response.ExpectedStatus.ShouldBeTrue();
        response.Error.ShouldBe(HttpErrorKind.None);
    }

    [Fact]
    public async Task SendAsync_CookieSet_SentBackInSameSessionOnly()
    {
        await using var first = NewSession();
        await using var second = NewSession();

        await first.GetAsync("/cookies/set/flavour/oat", Ct);
        var same = await first.GetAsync("/cookies", Ct);
        var other = await second.GetAsync("/cookies", Ct);

        same.Body.ShouldBe("flavour=oat");
        other.Body.ShouldBe("");
    }

    [Fact]
    public async Task SendAsync_CookiesOff_NotSentBack()
    {
        await using var session = NewSession(options: Options() with { Cookies = false });

        await session.GetAsync("/cookies/set/flavour/oat", Ct);
        var response = await session.GetAsync("/cookies", Ct);

        response.Body.ShouldBe("");
    }

    [Fact]
    public async Task SendAsync_RedirectChain_Followed()
    {
        await using var session = NewSession();

        var response = await session.GetAsync("/redirect/3", Ct);

        response.Status.ShouldBe(200);
        response.Body.ShouldBe("landed");
        response.Redirects.ShouldBe(3);
        response.Url.ShouldEndWith("/redirect/0");
        response.Name.ShouldBe(servers.Http1.Url("/redirect/3"));
    }

    [Fact]
    public async Task SendAsync_MoreRedirectsThanAllowed_StopsAtCap()
    {
        await using var session = NewSession(options: Options() with { MaxRedirects = 2 });

        var response = await session.GetAsync("/redirect/5", Ct);

        response.Status.ShouldBe(302);
        response.Redirects.ShouldBe(2);
        response.Url.ShouldEndWith("/redirect/3");
        response.ExpectedStatus.ShouldBeTrue();
    }

    [Fact]
    public async Task SendAsync_RequestMaxRedirects_OverridesTheSessionsCap()
    {
        await using var session = NewSession();

        var response = await session.SendAsync(new HttpRequestSpec(HttpMethod.Get, "/redirect/3") { MaxRedirects = 1 }, Ct);

        response.Status.ShouldBe(302);
        response.Redirects.ShouldBe(1);
        response.Url.ShouldEndWith("/redirect/2");
    }

    [Fact]
    public async Task SendAsync_RequestCookies_SentBeforeTheJarsAndReplaceOnlyWhenAsked()
    {
        await using var session = NewSession();
        await session.GetAsync("/cookies/set/flavour/oat", Ct);

        var added = await session.SendAsync(new HttpRequestSpec(HttpMethod.Get, "/cookies") { Cookies = [new("flavour", "rye")] }, Ct);
        var replaced = await session.SendAsync(new HttpRequestSpec(HttpMethod.Get, "/cookies") { Cookies = [new("flavour", "rye", Replace: true)] }, Ct);
        var after = await session.GetAsync("/cookies", Ct);

        added.Body.ShouldBe("flavour=rye; flavour=oat");
        replaced.Body.ShouldBe("flavour=rye");
        after.Body.ShouldBe("flavour=oat");
    }

    [Fact]
    public async Task SetCookies_KeepsEachHeaderLineApart()
    {
        await using var session = NewSession(options: Options() with { Cookies = false });

        var response = await session.GetAsync("/cookies/set/flavour/oat", Ct);

        response.SetCookies.ShouldHaveSingleItem().ShouldStartWith("flavour=oat");
    }

    [Fact]
    public async Task ClearCookies_ForgetsTheJar()
    {
        await using var session = NewSession();
        await session.GetAsync("/cookies/set/flavour/oat", Ct);

        session.ClearCookies();
        var response = await session.GetAsync("/cookies", Ct);

        response.Body.ShouldBe("");
    }

    [Fact]
    public async Task SendAsync_RedirectsOff_ReturnsRedirect()
    {
        await using var session = NewSession(options: Options() with { MaxRedirects = 0 });

        var response = await session.GetAsync("/redirect/1", Ct);

        response.Status.ShouldBe(302);
        response.Headers["location"].ShouldBe("/redirect/0");
    }

    [Theory]
    [InlineData("/redirect/ftp", "ftp://127.0.0.1/pub/file.txt")]
    [InlineData("/redirect/file", "file:///etc/hostname")]
    public async Task SendAsync_RedirectToNonHttpScheme_StopsAtRedirect(string path, string location)
    {
        await using var session = NewSession();

        var response = await session.GetAsync(path, Ct);

        response.Status.ShouldBe(302);
        response.Error.ShouldBe(HttpErrorKind.None);
        response.ExpectedStatus.ShouldBeTrue();
        response.Redirects.ShouldBe(0);
        response.Url.ShouldBe(servers.Http1.Url(path));
        response.Headers["location"].ShouldBe(location);
    }

    [Fact]
    public async Task SendAsync_PostRedirectedWith302_BecomesGet()
    {
        await using var session = NewSession();

        var response = await session.PostAsync("/redirect/see-other", HttpBody.Raw("data", "text/plain"), Ct);

        response.Headers["X-Method"].ShouldBe("GET");
        response.Body.ShouldBe("");
    }

    [Fact]
    public async Task SendAsync_PostRedirectedWith307_KeepsMethodAndBody()
    {
        await using var session = NewSession();

        var response = await session.PostAsync("/redirect/temporary", HttpBody.Raw("data", "text/plain"), Ct);

        response.Headers["X-Method"].ShouldBe("POST");
        response.Body.ShouldBe("data");
    }

    [Fact]
    public async Task SendAsync_JsonObject_ArrivesIntact()
    {
        await using var session = NewSession();

        var response = await session.PostAsync("/echo", HttpBody.Json(new { Name = "ada", Age = 36 }), Ct);

        response.Body.ShouldBe("""{"name":"ada","age":36}""");
        response.Headers["X-Content-Type"].ShouldBe("application/json");
    }

    [Fact]
    public async Task SendAsync_RawJsonText_ArrivesAsIs()
    {
        await using var session = NewSession();

        var response = await session.PutAsync("/echo", HttpBody.Json("""{"Keep":"Case"}"""), Ct);

        response.Body.ShouldBe("""{"Keep":"Case"}""");
        response.Headers["X-Method"].ShouldBe("PUT");
    }

    [Fact]
    public async Task SendAsync_Form_ArrivesEncoded()
    {
        await using var session = NewSession();

        var response = await session.PatchAsync(
            "/echo", HttpBody.Form([new("q", "a b&c"), new("n", "1")]), Ct);

        response.Body.ShouldBe("q=a%20b%26c&n=1");
        response.Headers["X-Content-Type"].ShouldBe("application/x-www-form-urlencoded");
        response.Headers["X-Method"].ShouldBe("PATCH");
    }

    [Fact]
    public async Task SendAsync_RawBytes_ArriveIntact()
    {
        await using var session = NewSession();
        byte[] payload = [0, 1, 2, 255, 254];

        var response = await session.PostAsync("/echo", HttpBody.Raw(payload, "application/x-test"), Ct);

        response.BodyBytes.ToArray().ShouldBe(payload);
        response.Headers["X-Content-Type"].ShouldBe("application/x-test");
    }

    [Fact]
    public async Task SendAsync_HeaderOverridesBodyContentType()
    {
        await using var session = NewSession();

        var response = await session.SendAsync(
            new HttpRequestSpec(HttpMethod.Post, "/echo")
            {
                Body = HttpBody.Raw("x", "text/plain"),
                Headers = [new("Content-Type", "text/csv")],
            },
            Ct);

        response.Headers["X-Content-Type"].ShouldBe("text/csv");
    }

    [Fact]
    public async Task SendAsync_Upload_CountsBytesBothWays()
    {
        await using var session = NewSession();
        var payload = new byte[10_000];

        var response = await session.PostAsync("/echo", HttpBody.Raw(payload, "application/octet-stream"), Ct);

        response.BytesSent.ShouldBeGreaterThan(payload.Length);
        response.BytesReceived.ShouldBeGreaterThan(payload.Length);
        response.BytesReceived.ShouldBeLessThan(payload.Length + 1_000);
    }

    [Fact]
    public async Task SendAsync_Discard_CountsBodyButKeepsNothing()
    {
        await using var session = NewSession(options: Options() with { ResponseBody = ResponseBodyMode.Discard });

        var response = await session.GetAsync("/bytes/50000", Ct);

        response.Status.ShouldBe(200);
        response.BodyBytes.Length.ShouldBe(0);
        response.BytesReceived.ShouldBeGreaterThan(50_000);
    }

    [Fact]
    public async Task SendAsync_ChunkedBody_KeptWhole()
    {
        await using var session = NewSession();

        var response = await session.GetAsync("/chunked/40", Ct);

        response.Body.ShouldBe(new string('x', 40));
    }

    [Fact]
    public async Task SendAsync_StreamMode_HandsOverOpenStream()
    {
        await using var session = NewSession();

        var response = await session.SendAsync(
            new HttpRequestSpec(HttpMethod.Get, "/delayed") { ResponseBody = ResponseBodyMode.Stream }, Ct);
        await using var stream = response.BodyStream.ShouldNotBeNull();
        using var reader = new StreamReader(stream, Encoding.UTF8);

        (await reader.ReadToEndAsync(Ct)).ShouldBe("delayed body");
        response.Timings.Receiving.ShouldBe(0);
        response.Timings.Waiting.ShouldBeGreaterThan(TestHttpServer.HeaderDelayMs - 40);
    }

    [Fact]
    public async Task SendAsync_NameGiven_UsedAsTag()
    {
        await using var session = NewSession();

        var response = await session.SendAsync(new HttpRequestSpec(HttpMethod.Get, "/status/200?id=42") { Name = "/status/{id}" }, Ct);

        response.Name.ShouldBe("/status/{id}");
        response.Url.ShouldBe(servers.Http1.Url("/status/200?id=42"));
        response.Method.ShouldBe("GET");
    }

    [Fact]
    public async Task SendAsync_DefaultUserAgent_SaysStampede()
    {
        await using var session = NewSession();

        var response = await session.GetAsync("/user-agent", Ct);

        response.Body.ShouldStartWith("stampede/");
    }

    [Fact]
    public async Task SendAsync_InvalidUrlWithoutBase_OtherError()
    {
        await using var session = new HttpSession(Options());

        var response = await session.GetAsync("/relative", Ct);

        response.Error.ShouldBe(HttpErrorKind.Other);
        response.Status.ShouldBe(0);
    }

    [Fact]
    public async Task SendAsync_Http2PriorKnowledge_ReportsHttp2()
    {
        await using var session = NewSession(servers.Http2, Options() with { Version = HttpVersion.Version20 });

        var first = await session.GetAsync("/proto", Ct);
        var started = Stopwatch.GetTimestamp();
        var delayed = await session.GetAsync("/delayed", Ct);
        var wall = Stopwatch.GetElapsedTime(started);

        first.Proto.ShouldBe("HTTP/2.0");
        first.Body.ShouldBe("HTTP/2");
        first.Timings.Connecting.ShouldBeGreaterThan(0);
        first.BytesReceived.ShouldBeGreaterThan(0);
        delayed.Timings.Connecting.ShouldBe(0);
        ShouldSplitServerDelays(delayed, wall);
    }

    [Fact]
    public async Task SendAsync_SelfSignedWithSkipVerify_SucceedsWithHandshakeTime()
    {
        await using var session = NewSession(servers.Https, Options() with { InsecureSkipTlsVerify = true });

        var first = await session.GetAsync("/hello", Ct);
        var second = await session.GetAsync("/hello", Ct);

        first.Status.ShouldBe(200);
        first.Proto.ShouldBe("HTTP/1.1");
        first.Timings.TlsHandshaking.ShouldBeGreaterThan(0);
        first.Timings.Connecting.ShouldBeGreaterThan(0);
        second.Timings.TlsHandshaking.ShouldBe(0);
    }

    [Fact]
    public async Task SendAsync_SelfSignedWithoutSkipVerify_TlsError()
    {
        await using var session = NewSession(servers.Https);

        var response = await session.GetAsync("/hello", Ct);

        response.Status.ShouldBe(0);
        response.Error.ShouldBe(HttpErrorKind.Tls);
        response.ErrorCode.ShouldBeInRange(1300, 1311);
    }

    [Fact]
    public async Task SendAsync_Http2OverTls_NegotiatedByAlpn()
    {
        await using var session = NewSession(
            servers.Https, Options() with { InsecureSkipTlsVerify = true, Version = HttpVersion.Version20 });

        var response = await session.GetAsync("/proto", Ct);

        response.Proto.ShouldBe("HTTP/2.0");
        response.Timings.TlsHandshaking.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task SendAsync_ConcurrentBatch_EachRequestTimedOnItsOwn()
    {
        await using var session = NewSession();

        var started = Stopwatch.GetTimestamp();
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => session.GetAsync("/delayed", Ct).AsTask()));
        var wall = Stopwatch.GetElapsedTime(started);

        foreach (var response in responses)
        {
            response.Status.ShouldBe(200);
            ShouldSplitServerDelays(response, wall);
            response.BytesReceived.ShouldBeGreaterThan("delayed body".Length);
        }
    }

    [Fact]
    public async Task SendAsync_SharedTransport_SessionsShareConnectionsNotCookies()
    {
        var options = Options() with { BaseAddress = servers.Http1.BaseAddress, ShareHandler = true };
        using var transport = new HttpTransport(options);
        await using var first = new HttpSession(options, transport);
        await using var second = new HttpSession(options, transport);

        await first.GetAsync("/cookies/set/a/1", Ct);
        var reused = await second.GetAsync("/cookies", Ct);

        reused.Body.ShouldBe("");
        reused.Timings.Connecting.ShouldBe(0);
    }
}
