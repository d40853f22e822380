using Stampede.DemoTarget;

namespace Stampede.Reports.Tests.Support;

/// <summary>
/// The demo target as the tenant runs use it: no seeded organisation (the run creates its own) and short chat answers
/// with fixed pacing, so a few seconds give every organisation many answers and a budget runs out predictably.
/// </summary>
internal static class FastChatTarget
{
    public static Task<DemoTargetServer> StartAsync() => DemoTargetServer.StartAsync(new DemoTargetOptions
    {
        Port = 0,
        SeedDemoOrg = false,
        TimeToFirstTokenMean = TimeSpan.FromMilliseconds(5),
        TimeToFirstTokenStdDev = TimeSpan.Zero,
        InterTokenDelayMean = TimeSpan.FromMilliseconds(1),
        InterTokenDelayStdDev = TimeSpan.Zero,
        AnswerTokensMean = 8,
        AnswerTokensStdDev = 2,
    });
}
