using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Stampede.Cli.Hosting;

/// <summary>
/// A bare Kestrel listener for the CLI's own endpoints (the dashboard, the coordinator): one handler, no logging, no
/// server header, a body limit, and the address it really took (port 0 picks a free one).
/// </summary>
internal sealed class KestrelEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelEndpoint(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:5665/</c>.</summary>
    public Uri Address { get; }

    /// <summary>Listens on <paramref name="host"/>:<paramref name="port"/>; a taken port throws (IOException) with nothing left running.</summary>
    public static async Task<KestrelEndpoint> StartAsync(string host, int port, long maxRequestBody, RequestDelegate handle)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(KestrelEndpoint).Assembly.GetName().Name,
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = maxRequestBody;
        });
        var app = builder.Build();
        app.Urls.Clear();
        var bracketed = IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{host}]" : host;
        app.Urls.Add($"http://{bracketed}:{port}");
        app.Run(handle);
        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new KestrelEndpoint(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Stops taking requests and lets those in flight finish, for at most five seconds.</summary>
    public async Task StopAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
