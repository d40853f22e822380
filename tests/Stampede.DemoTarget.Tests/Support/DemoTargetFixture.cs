using System.Net.Http.Headers;

namespace Stampede.DemoTarget.Tests.Support;

/// <summary>A real demo target on 127.0.0.1, port 0, with short token delays so streaming tests stay fast.</summary>
public class DemoTargetFixture : IAsyncLifetime
{
    public static DemoTargetOptions FastOptions => new()
    {
        Port = 0,
        TimeToFirstTokenMean = TimeSpan.FromMilliseconds(50),
        TimeToFirstTokenStdDev = TimeSpan.FromMilliseconds(5),
        InterTokenDelayMean = TimeSpan.FromMilliseconds(10),
        InterTokenDelayStdDev = TimeSpan.FromMilliseconds(2),
        AnswerTokensMean = 12,
        AnswerTokensStdDev = 2,
        PubSubInterval = TimeSpan.FromMilliseconds(50),
    };

    public DemoTargetServer Server { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    protected virtual DemoTargetOptions Options => FastOptions;

    public async ValueTask InitializeAsync()
    {
        Server = await DemoTargetServer.StartAsync(Options);
        Client = CreateClient(Server);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    public static HttpClient CreateClient(DemoTargetServer server, string? apiKey = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.None })
        {
            BaseAddress = server.BaseAddress,
            Timeout = TimeSpan.FromSeconds(20),
        };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    public Uri WebSocketUri(string path) =>
        new UriBuilder(new Uri(Server.BaseAddress, path)) { Scheme = "ws" }.Uri;
}
