using Stampede.DemoTarget;
using Stampede.Plans;

namespace Stampede.Yaml.Tests.Streaming;

/// <summary>A demo target on a free loopback port with quick answers (about 10 tokens, 2 ms apart), and plans loaded against it.</summary>
public sealed class DemoTargetFixture : IAsyncLifetime
{
    public DemoTargetServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await DemoTargetServer.StartAsync(new DemoTargetOptions
    {
        Port = 0,
        TimeToFirstTokenMean = TimeSpan.FromMilliseconds(20),
        TimeToFirstTokenStdDev = TimeSpan.FromMilliseconds(2),
        InterTokenDelayMean = TimeSpan.FromMilliseconds(2),
        InterTokenDelayStdDev = TimeSpan.Zero,
        AnswerTokensMean = 10,
        AnswerTokensStdDev = 2,
        PubSubInterval = TimeSpan.FromMilliseconds(50),
    });

    /// <summary>Loads <paramref name="yaml"/> with BASE replaced by the target's address and KEY by its demo API key.</summary>
    public TestPlan Load(string yaml)
    {
        var text = yaml.Replace("BASE", Server.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal)
            .Replace("KEY", Server.DemoApiKey, StringComparison.Ordinal);
        var result = YamlPlanLoader.LoadText(text, "t.yaml", ".");
        result.Errors.ShouldBeEmpty();
        return result.Plan!;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
