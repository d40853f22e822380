using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stampede.Protocols.Http;

namespace Stampede.Benchmarks;

/// <summary>
/// One GET end to end against a local Kestrel server (2-byte body, keep-alive): a bare HttpMessageInvoker over
/// SocketsHttpHandler (the baseline), our session forced onto the handler, our session on the lean client, and the
/// lean client on Stampede's own epoll loop (as the CLI runs it).
/// Time here includes the server's share; the allocations are all ours.
/// </summary>
[MemoryDiagnoser]
public class HttpRequestBenchmarks
{
    private WebApplication _app = null!;
    private Uri _url = null!;
    private HttpMessageInvoker _invoker = null!;
    private HttpSession _handlerSession = null!;
    private HttpSession _leanSession = null!;
    private EpollLoop? _loop;
    private HttpSession _loopSession = null!;
    private readonly byte[] _drain = new byte[4096];

    [GlobalSetup]
    public void Setup()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Urls.Add("http://127.0.0.1:0");
        _app.MapGet("/", () => Results.Text("ok"));
        _app.StartAsync().GetAwaiter().GetResult();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _url = new Uri(address + "/");

        _invoker = new HttpMessageInvoker(new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false });
        _handlerSession = new HttpSession(new HttpSessionOptions { UseSocketsHttpHandler = true, ResponseBody = ResponseBodyMode.Discard });
        _leanSession = new HttpSession(new HttpSessionOptions { ResponseBody = ResponseBodyMode.Discard });
        _loop = EpollLoop.TryCreate();
        _loopSession = new HttpSession(new HttpSessionOptions { ResponseBody = ResponseBodyMode.Discard, SocketLoop = _loop });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _invoker.Dispose();
        _handlerSession.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _leanSession.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _loopSession.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _loop?.Dispose();
        _app.StopAsync().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public async Task<int> BareInvoker()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _url) { Version = HttpVersion.Version11 };
        using var response = await _invoker.SendAsync(request, CancellationToken.None);
        await using var body = await response.Content.ReadAsStreamAsync();
        while (await body.ReadAsync(_drain) > 0)
        {
        }

        return (int)response.StatusCode;
    }

    [Benchmark]
    public async Task<int> SessionOnHandler() => (await _handlerSession.GetAsync(_url.AbsoluteUri)).Status;

    [Benchmark]
    public async Task<int> SessionLean() => (await _leanSession.GetAsync(_url.AbsoluteUri)).Status;

    [Benchmark]
    public async Task<int> SessionLeanOnEventLoop() => (await _loopSession.GetAsync(_url.AbsoluteUri)).Status;
}
