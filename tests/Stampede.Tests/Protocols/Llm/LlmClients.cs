using Stampede.Execution;
using Stampede.Metrics;
using Stampede.Protocols.Http;
using Stampede.Protocols.Llm;
using Stampede.Protocols.WebSockets;

namespace Stampede.Tests.Protocols.Llm;

/// <summary>Builds a VU's LLM client outside an engine run, for the protocol tests.</summary>
internal static class LlmClients
{
    public static VuLlm Create(Uri baseAddress, MetricRegistry registry, RunControl? control = null, LlmCostLedger? ledger = null, Func<long>? scheduled = null)
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        var tags = TagSet.Of(("scenario", "test"));
        var ws = new VuWs(registry, TimeProvider.System, () => tags, () => ct, baseAddress);
        return new VuLlm(new HttpSession(new HttpSessionOptions { BaseAddress = baseAddress }), ws, registry, TimeProvider.System,
            ledger ?? new LlmCostLedger((control ?? new RunControl()).RequestStop), () => tags, () => ct, scheduled ?? (() => 0), new Random(1));
    }
}
