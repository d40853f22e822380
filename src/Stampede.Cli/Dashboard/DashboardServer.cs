using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Stampede.Cli.Hosting;

namespace Stampede.Cli.Dashboard;

/// <summary>
/// The dashboard's HTTP endpoint (Kestrel): <c>GET /</c> the page, <c>GET /events</c> the run's seconds as
/// Server-Sent Events, <c>POST /api/control</c> the controls, <c>GET /report</c> the HTML report once written.
/// Who may do what is <see cref="DashboardAccess"/>'s to say.
/// </summary>
internal sealed class DashboardServer : IAsyncDisposable
{
    public const string EventsPath = "/events";
    public const string ControlPath = "/api/control";
    public const string ReportPath = "/report";

    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();

    private readonly KestrelEndpoint _endpoint;
    private readonly CancellationTokenSource _closing;

    private readonly DashboardHub _hub;

    private DashboardServer(KestrelEndpoint endpoint, CancellationTokenSource closing, DashboardAccess access, DashboardHub hub)
    {
        _endpoint = endpoint;
        _closing = closing;
        _hub = hub;
        Access = access;
    }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:5665/</c>.</summary>
    public Uri Address => _endpoint.Address;

    public DashboardAccess Access { get; }

    /// <summary>The address to open, token included (in the fragment on loopback, where only control needs it).</summary>
    public string PageLink => Access.Loopback ? $"{Address}#token={Access.Token}" : $"{Address}?token={Access.Token}";

    /// <summary>The HTML report to serve at <c>/report</c>, once the run wrote one.</summary>
    public string? ReportFile { get; set; }

    /// <summary>Serves the page, the stream and the controls; <paramref name="apply"/> carries out a control request (a run's <see cref="DashboardControls"/>, or a fleet's).</summary>
    public static async Task<DashboardServer> StartAsync(DashboardAddress listen, DashboardAccess access, DashboardHub hub, Func<ControlRequest, (int Status, string Message)> apply, Func<string> page)
    {
        DashboardServer? server = null;
        var html = new Lazy<byte[]>(() => Encoding.UTF8.GetBytes(page()));
        var closing = new CancellationTokenSource();
        try
        {
            var endpoint = await KestrelEndpoint.StartAsync(listen.Address.ToString(), listen.Port, 64 * 1024, context => server!.HandleAsync(context, hub, apply, html)).ConfigureAwait(false);
            server = new DashboardServer(endpoint, closing, access, hub);
            return server;
        }
        catch
        {
            closing.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // After the run's end every stream finishes by itself once its last frame is out: let them (bounded).
        // Before it, nothing more will come, so the streams are ended at once.
        if (!_hub.Ended)
        {
            await _closing.CancelAsync().ConfigureAwait(false);
        }

        await _endpoint.StopAsync().ConfigureAwait(false);
        await _closing.CancelAsync().ConfigureAwait(false);
        await _endpoint.DisposeAsync().ConfigureAwait(false);
        _closing.Dispose();
    }

    private async Task HandleAsync(HttpContext context, DashboardHub hub, Func<ControlRequest, (int Status, string Message)> apply, Lazy<byte[]> page)
    {
        var request = context.Request;
        var response = context.Response;
        var host = request.Host.Value ?? "";
        response.Headers["X-Frame-Options"] = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
        if (request.Method == "POST" && request.Path == ControlPath)
        {
            await ControlAsync(context, apply, host).ConfigureAwait(false);
            return;
        }

        if (request.Method != "GET")
        {
            await TextAsync(context, StatusCodes.Status405MethodNotAllowed, "GET /, GET /events or POST /api/control").ConfigureAwait(false);
            return;
        }

        if (Access.CheckWatch(host, request.Query["token"].ToString() is { Length: > 0 } q ? q : null, request.Headers.Authorization.ToString()) is { } refused)
        {
            await TextAsync(context, refused.Status, refused.Message).ConfigureAwait(false);
            return;
        }

        switch (request.Path.Value)
        {
            case "/" or "/index.html":
                response.ContentType = "text/html; charset=utf-8";
                await response.Body.WriteAsync(page.Value, context.RequestAborted).ConfigureAwait(false);
                return;
            case EventsPath:
                await StreamAsync(context, hub).ConfigureAwait(false);
                return;
            case ReportPath when ReportFile is { } file && File.Exists(file):
                response.ContentType = "text/html; charset=utf-8";
                await response.SendFileAsync(file, context.RequestAborted).ConfigureAwait(false);
                return;
            default:
                await TextAsync(context, StatusCodes.Status404NotFound, "not found").ConfigureAwait(false);
                return;
        }
    }

    private async Task ControlAsync(HttpContext context, Func<ControlRequest, (int Status, string Message)> apply, string host)
    {
        var request = context.Request;
        var origin = request.Headers.Origin.ToString();
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (Access.CheckControl(host, request.Headers.Authorization.ToString(), origin.Length > 0 ? origin : null, site.Length > 0 ? site : null) is { } refused)
        {
            await TextAsync(context, refused.Status, refused.Message).ConfigureAwait(false);
            return;
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        if (ControlRequest.Parse(body.ToArray(), out var error) is not { } action)
        {
            await TextAsync(context, StatusCodes.Status400BadRequest, error!).ConfigureAwait(false);
            return;
        }

        var (status, message) = apply(action);
        await TextAsync(context, status, message).ConfigureAwait(false);
    }

    private async Task StreamAsync(HttpContext context, DashboardHub hub)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _closing.Token);
        var (client, missed) = hub.Connect();
        try
        {
            foreach (var frame in missed)
            {
                await WriteEventAsync(response, frame, linked.Token).ConfigureAwait(false);
            }

            await response.Body.FlushAsync(linked.Token).ConfigureAwait(false);
            while (await client.Frames.WaitToReadAsync(linked.Token).ConfigureAwait(false))
            {
                while (client.Frames.TryRead(out var frame))
                {
                    await WriteEventAsync(response, frame, linked.Token).ConfigureAwait(false);
                }

                await response.Body.FlushAsync(linked.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // the browser left, or the dashboard closes
        }
        catch (IOException)
        {
            // the connection broke
        }
        finally
        {
            hub.Disconnect(client);
        }
    }

    private static async Task WriteEventAsync(HttpResponse response, byte[] frame, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(DataPrefix, cancellationToken).ConfigureAwait(false);
        await response.Body.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        await response.Body.WriteAsync(EventEnd, cancellationToken).ConfigureAwait(false);
    }

    private static Task TextAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message + "\n");
    }
}
