using System.Collections.Concurrent;

namespace Stampede.Protocols.Llm;

/// <summary>
/// The user messages the run's VUs have sent, so <c>llm_prompt_unique</c> can say which were new: a generated-question
/// load test is only honest when the questions do not repeat (a cache would answer repeats). Shared by every VU of a run.
/// </summary>
internal sealed class LlmPromptLedger
{
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);

    /// <summary>True the first time <paramref name="prompt"/> is sent in the run.</summary>
    public bool IsNew(string prompt) => _seen.TryAdd(prompt, 0);
}
