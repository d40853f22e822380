using Stampede.DemoTarget.Hosting;
using Stampede.DemoTarget.Observability;

namespace Stampede.DemoTarget.Streaming;

/// <summary>What every streaming endpoint needs, gathered so handlers take one parameter instead of six.</summary>
internal sealed class StreamingServices(
    DemoTargetOptions options,
    ServerClock clock,
    AnswerComposer composer,
    ConversationStore conversations,
    DemoMetrics metrics,
    IHostApplicationLifetime lifetime)
{
    public DemoTargetOptions Options => options;

    public ServerClock Clock => clock;

    public AnswerComposer Composer => composer;

    public ConversationStore Conversations => conversations;

    public DemoMetrics Metrics => metrics;

    /// <summary>Cancelled when the client goes away or the server stops, so open streams end promptly on shutdown.</summary>
    public CancellationTokenSource Link(CancellationToken requestAborted) =>
        CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
}
