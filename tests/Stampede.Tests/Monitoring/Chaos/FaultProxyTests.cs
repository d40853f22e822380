using System.Diagnostics;
using Shouldly;
using Stampede.DemoTarget;
using Stampede.Monitoring.Chaos;
using Stampede.Plans.Monitoring;
using Xunit;

namespace Stampede.Tests.Monitoring.Chaos;

public sealed class FaultProxyTests : IAsyncLifetime
{
    private DemoTargetServer _target = null!;
    private FaultProxy _proxy = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _target = await DemoTargetServer.StartAsync(new DemoTargetOptions { Port = 0 });
        _proxy = new FaultProxy(_target.BaseAddress.Host, _target.BaseAddress.Port, TimeProvider.System);
        _proxy.Start();
        _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_proxy.Endpoint.Port}/"), Timeout = TimeSpan.FromSeconds(5) };
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _proxy.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task Apply_Latency_DelaysEachResponseOnceAndClearRestoresSpeed()
    {
        var ct = TestContext.Current.CancellationToken;
        (await _client.GetAsync("/api/health", ct)).EnsureSuccessStatusCode();   // connect and warm up
        var fast = await TimeAsync(ct);

        _proxy.Apply(new ProxyConditions { Latency = TimeSpan.FromMilliseconds(300) });
        var slow = await TimeAsync(ct);
        _proxy.Clear();
        var fastAgain = await TimeAsync(ct);

        slow.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290));
        slow.ShouldBeLessThan(TimeSpan.FromMilliseconds(300) + fast + TimeSpan.FromMilliseconds(500));
        fastAgain.ShouldBeLessThan(TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public async Task Apply_Reset_OpenAndNewConnectionsFailUntilCleared()
    {
        var ct = TestContext.Current.CancellationToken;
        (await _client.GetAsync("/api/health", ct)).EnsureSuccessStatusCode();

        _proxy.Apply(new ProxyConditions { Reset = true });
        // A reset reaches HttpClient either while it sends (HttpRequestException) or as the connection is set up
        // (a bare SocketException), depending on which side of the race the RST lands.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var error = await Should.ThrowAsync<Exception>(() => _client.GetAsync("/api/health", ct));
            (error is HttpRequestException or System.Net.Sockets.SocketException).ShouldBeTrue(error.ToString());
        }

        _proxy.Clear();

        (await _client.GetAsync("/api/health", ct)).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
    }

    [Fact]
    public async Task Apply_Blackhole_RequestsTimeOut()
    {
        var ct = TestContext.Current.CancellationToken;
        _proxy.Apply(new ProxyConditions { Blackhole = true });
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(400));

        await Should.ThrowAsync<OperationCanceledException>(() => _client.GetAsync("/api/health", timeout.Token));
    }

    [Fact]
    public async Task Apply_Bandwidth_SlowsALargeBody()
    {
        var ct = TestContext.Current.CancellationToken;
        (await _client.GetAsync("/api/health", ct)).EnsureSuccessStatusCode();
        _proxy.Apply(new ProxyConditions { BandwidthBytesPerSecond = 64 * 1024 });

        var watch = Stopwatch.StartNew();
        var body = await _client.GetByteArrayAsync("/api/specs/search?q=&limit=30", ct);   // ~30 KB

        body.Length.ShouldBeGreaterThan(16 * 1024);
        watch.Elapsed.TotalSeconds.ShouldBeGreaterThan(0.8 * (body.Length - 16 * 1024) / (64.0 * 1024));
    }

    private async Task<TimeSpan> TimeAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        (await _client.GetAsync("/api/health", ct)).EnsureSuccessStatusCode();
        return watch.Elapsed;
    }
}
