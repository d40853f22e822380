using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Stampede.Cli.Tests.Support;

/// <summary>A loopback server whose <c>/slow</c> endpoint waits as long as <see cref="DelayMs"/> says.</summary>
public sealed class SlowServer : IAsyncLifetime
{
    private WebApplication? _app;
    private int _requests;

    public int DelayMs { get; set; }

    /// <summary>Requests to <c>/slow</c> since the last reset (the tests of one class run one at a time).</summary>
    public int Requests
    {
        get => Volatile.Read(ref _requests);
        set => Volatile.Write(ref _requests, value);
    }

    public string BaseAddress { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Urls.Add("http://127.0.0.1:0");
        _app.MapGet("/slow", async () =>
        {
            Interlocked.Increment(ref _requests);
            if (DelayMs > 0)
            {
                await Task.Delay(DelayMs);
            }

            return Results.Text("ok");
        });
        await _app.StartAsync();
        BaseAddress = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
