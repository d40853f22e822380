using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Stampede.DemoTarget.Echo;
using Stampede.DemoTarget.Faults;
using Stampede.DemoTarget.Hosting;
using Stampede.DemoTarget.Missions;
using Stampede.DemoTarget.Observability;
using Stampede.DemoTarget.OpenAi;
using Stampede.DemoTarget.Sessions;
using Stampede.DemoTarget.Streaming;
using Stampede.DemoTarget.Tenancy;

namespace Stampede.DemoTarget;

/// <summary>
/// The built-in demo target: an in-memory ASP.NET Core server with REST, streaming chat (SSE and WebSocket),
/// an OpenAI-compatible API with organisations, keys and budgets, WebSocket pub/sub and Prometheus metrics.
/// Start it with <see cref="StartAsync(DemoTargetOptions, CancellationToken)"/>; stop it with <see cref="StopAsync"/> or by disposing it.
/// </summary>
public sealed class DemoTargetServer : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _loopStop;
    private readonly Task _loop;
    private int _stopped;

    private DemoTargetServer(WebApplication app, Uri baseAddress, string? demoApiKey, CancellationTokenSource loopStop, Task loop)
    {
        _app = app;
        BaseAddress = baseAddress;
        DemoApiKey = demoApiKey;
        _loopStop = loopStop;
        _loop = loop;
    }

    /// <summary>Where the server listens, ending in a slash, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>
    /// The API key of the pre-created <c>demo</c> organisation (<c>sk-demo-…</c>, derived from the seed so it is the
    /// same every run with the same seed); null when <see cref="DemoTargetOptions.SeedDemoOrg"/> is false.
    /// </summary>
    public string? DemoApiKey { get; }

    /// <summary>The host's services, for tests that inspect or adjust them before the first request.</summary>
    internal IServiceProvider Services => _app.Services;

    /// <summary>Starts a server and returns once it accepts connections.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public static Task<DemoTargetServer> StartAsync(DemoTargetOptions options, CancellationToken cancellationToken = default) =>
        StartAsync(options, TimeProvider.System, cancellationToken);

    internal static async Task<DemoTargetServer> StartAsync(DemoTargetOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid demo target options: " + string.Join(" ", problems), nameof(options));
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(DemoTargetServer).Assembly.GetName().Name,
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxConcurrentConnections = null;
            k.Limits.MaxConcurrentUpgradedConnections = null;
        });
        // Source-generated metadata first: under NativeAOT there is nothing behind it for the demo's own types.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, DemoJsonContext.Default));
        Register(builder.Services, options, time);

        var app = builder.Build();
        app.Urls.Clear();
        app.Urls.Add($"http://{FormatHost(options.Host)}:{options.Port}");
        Configure(app);

        var tenants = app.Services.GetRequiredService<TenantStore>();
        var demoKey = options.SeedDemoOrg ? SeedDemoOrg(tenants, options) : null;

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A taken port or a cancelled start must not leave a half-built host behind.
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var monitor = app.Services.GetRequiredService<LoopFrequencyMonitor>();
        var loopStop = new CancellationTokenSource();
        var loop = Task.Run(() => monitor.RunAsync(loopStop.Token), CancellationToken.None);
        return new DemoTargetServer(app, new Uri(address.TrimEnd('/') + "/"), demoKey, loopStop, loop);
    }

    /// <summary>Stops accepting requests, ends open streams and WebSocket sessions, and waits for them (at most 5 s).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _loopStop.CancelAsync().ConfigureAwait(false);
        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
    }

    /// <summary>Stops the server if it still runs and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _loopStop.Dispose();
    }

    private static void Register(IServiceCollection services, DemoTargetOptions options, TimeProvider time)
    {
        services.AddSingleton(options);
        services.AddSingleton(time);
        services.AddSingleton(new ServerClock(time));
        services.AddSingleton(new LoopFrequencyMonitor(time, options.BackendLoopHz));
        services.AddSingleton(new ConcurrencyGate(options.MaxConcurrency, options.MaxQueueLength, options.QueueTimeout));
        services.AddSingleton(new TenantStore(options.Seed));
        services.AddSingleton(new ConversationStore(options.MaxConversations));
        services.AddSingleton(new AnswerComposer(options));
        services.AddSingleton(new SpecCatalog(options));
        services.AddSingleton<MissionStore>();
        services.AddSingleton<DemoMetrics>();
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<StreamingServices>();
        services.AddSingleton<MetricsMiddleware>();
        services.AddSingleton<CapacityMiddleware>();
        services.AddSingleton<FaultMiddleware>();
    }

    private static void Configure(WebApplication app)
    {
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.UseRouting();
        var metrics = app.Services.GetRequiredService<MetricsMiddleware>();
        var capacity = app.Services.GetRequiredService<CapacityMiddleware>();
        var faults = app.Services.GetRequiredService<FaultMiddleware>();
        app.Use(metrics.InvokeAsync);
        app.Use(capacity.InvokeAsync);
        app.Use(faults.InvokeAsync);

        HealthEndpoints.Map(app);
        SessionEndpoints.Map(app);
        BodyEchoEndpoints.Map(app);
        MissionEndpoints.Map(app);
        SpecEndpoints.Map(app);
        TenancyEndpoints.Map(app);
        ChatEndpoints.Map(app);
        OpenAiEndpoints.Map(app);
        PubSubEndpoints.Map(app);
        MetricsEndpoints.Map(app);
    }

    private static string SeedDemoOrg(TenantStore tenants, DemoTargetOptions options)
    {
        const string slug = "demo";
        tenants.CreateOrg(slug, options.DemoOrgBudgetUsd);
        var user = tenants.Invite(slug, "demo@demo.example")!;
        return tenants.CreateKey(slug, user.Id)!.Value.Secret;
    }

    private static string FormatHost(string host) =>
        IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{host}]" : host;
}
