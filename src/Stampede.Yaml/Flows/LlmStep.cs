using Stampede.Data.Templates;
using Stampede.Protocols.Llm;

namespace Stampede.Yaml.Flows;

/// <summary>
/// <c>llm:</c> — one chat request (a prompt or a list of messages), or a conversation of several turns that carries
/// its history, through <c>vu.Llm</c>: TTFT, TPOT, tokens, cost and goodput are recorded there. Checks and captures
/// apply to every turn; a conversation stops at its first failed turn. <c>{{ repeat.index }}</c> counts the turns.
/// </summary>
internal sealed record LlmStep(
    LlmOptions Options,
    Template Url,
    Template? ApiKey,
    Template? Tenant,
    IReadOnlyList<KeyValuePair<string, Template>> Headers,
    Template? Prompt,
    IReadOnlyList<(string Role, Template Content)>? Messages,
    Template? System,
    int Turns,
    StreamAssertions Assertions,
    bool AbortIterationOnFail) : IFlowStep
{
    public async Task RunAsync(FlowRun run)
    {
        var scope = run.Scope;
        var options = Options;
        if (!Url.IsConstant || ApiKey is not null || Tenant is not null || Headers.Count > 0)
        {
            options = options with
            {
                Url = Url.Render(scope),
                Name = Options.Name ?? (Url.IsConstant ? null : Url.ToString()),
                ApiKey = ApiKey?.Render(scope) ?? Options.ApiKey,
                Tenant = Tenant?.Render(scope),
                Headers = Headers.Count == 0 ? Options.Headers : [.. Options.Headers ?? [], .. Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.Render(scope)))],
            };
        }

        var passed = true;
        if (Turns == 0)
        {
            var result = Messages is null
                ? await run.Vu.Llm.ChatAsync(options, Prompt!.Render(scope)).ConfigureAwait(false)
                : await run.Vu.Llm.ChatAsync(options, [.. System is null ? [] : new[] { new LlmMessage("system", System.Render(scope)) },
                    .. Messages.Select(m => new LlmMessage(m.Role, m.Content.Render(scope)))]).ConfigureAwait(false);
            if (result.Error == LlmErrorKind.Cancelled)
            {
                return;
            }

            passed = Assertions.Apply(run, Outcome(result, 0));
        }
        else
        {
            var conversation = run.Vu.Llm.Conversation(options, System?.Render(scope));
            run.EnterRepeat(0);
            try
            {
                for (var turn = 0; turn < Turns; turn++)
                {
                    run.SetRepeat(turn);
                    var result = await conversation.SendAsync(Prompt!.Render(scope)).ConfigureAwait(false);
                    if (result.Error == LlmErrorKind.Cancelled)
                    {
                        return;
                    }

                    passed &= Assertions.Apply(run, Outcome(result, conversation.Turns));
                    if (!result.Ok)
                    {
                        break;
                    }
                }
            }
            finally
            {
                run.ExitRepeat();
            }
        }

        if (!passed && AbortIterationOnFail)
        {
            run.Vu.AbortIteration($"a check of LLM {Url} failed");
        }
    }

    private static StreamOutcome Outcome(LlmResult result, int turns)
    {
        var outcome = new StreamOutcome();
        var values = outcome.Values;
        values["ok"] = result.Ok;
        values["good"] = result.Good;
        values["status"] = result.Status;
        values["error"] = result.Ok ? null : ErrorTag.Of(result.Error);
        values["errorMessage"] = result.ErrorMessage;
        values["text"] = result.Text;
        values["ttft"] = result.TtftMs;
        values["tpot"] = result.TpotMs;
        values["e2e"] = result.E2eMs;
        values["outputTokens"] = result.OutputTokens;
        values["inputTokens"] = result.InputTokens;
        values["chunks"] = result.Chunks;
        values["cost"] = (double)result.CostUsd;
        values["finishReason"] = result.FinishReason;
        values["turns"] = turns;
        return outcome;
    }
}
