using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Stampede.K6.Options;
using Stampede.K6.Runtime;
using Stampede.Metrics;

namespace Stampede.K6.Summary;

/// <summary>
/// The end of a k6 script's test, as k6 ends it: the <c>handleSummary</c> data built from the result, the script's
/// <c>handleSummary(data)</c> when it exports one (its return value says what goes to stdout, stderr and files), k6's
/// text summary on stdout when it does not.
/// </summary>
internal sealed class ScriptSummary
{
    private readonly K6Script _script;
    private readonly K6Options _options;
    private readonly bool _handles;

    public ScriptSummary(K6Script script, K6Options options, bool handlesSummary)
    {
        _script = script;
        _options = options;
        _handles = handlesSummary;
    }

    /// <summary>k6's summary data object for <paramref name="result"/>.</summary>
    public JsonObject Data(RunResult result, bool noColor, bool isStdOutTty, bool isStdErrTty) =>
        K6SummaryData.From(result, _options.SummaryTrendStats, _script.SetupJson, noColor, isStdOutTty, isStdErrTty, _options.SummaryTimeUnit);

    /// <summary>
    /// What the end of the test writes: the script's <c>handleSummary</c> outputs, or k6's default text summary to
    /// stdout. When <c>handleSummary</c> throws, the outputs are the default and <see cref="SummaryOutputs.Error"/> says
    /// why, as k6 falls back to its default summary.
    /// </summary>
    public async Task<SummaryOutputs> HandleAsync(JsonObject data, bool colors)
    {
        if (_handles)
        {
            try
            {
                return new SummaryOutputs(await CallHandleSummaryAsync(data).ConfigureAwait(false), null);
            }
            catch (K6ScriptException exception)
            {
                return new SummaryOutputs(Default(data, colors), $"handleSummary() failed: {exception.Message}; the default summary follows");
            }
        }

        return new SummaryOutputs(Default(data, colors), null);
    }

    private static IReadOnlyList<SummaryOutput> Default(JsonObject data, bool colors) =>
        [new SummaryOutput("stdout", "\n" + TextSummary.Render(data, new TextSummaryOptions(Indent: " ", EnableColors: colors)) + "\n\n", null)];

    private async Task<IReadOnlyList<SummaryOutput>> CallHandleSummaryAsync(JsonObject data)
    {
        // The runtime that read the options and ran setup and teardown runs handleSummary too, on its own thread.
        var runtime = _script.RuntimeFor(0);
        var outputs = new List<SummaryOutput>();
        await runtime.RunAsync(() =>
        {
            var engine = runtime.Scope!.Engine;
            try
            {
                var returned = engine.Call(runtime.Init().Get("handleSummary"), JsValue.Undefined, [Js.Parse(engine, data.ToJsonString())]).UnwrapIfPromise();
                if (returned is not ObjectInstance map)
                {
                    // k6 prints nothing when handleSummary returns nothing.
                    return;
                }

                foreach (var (key, value) in Js.Properties(map))
                {
                    outputs.Add(value.IsArrayBuffer()
                        ? new SummaryOutput(key, null, value.AsArrayBuffer() ?? [])
                        : new SummaryOutput(key, TypeConverter.ToString(value), null));
                }
            }
            catch (JavaScriptException exception)
            {
                throw new K6ScriptException(exception);
            }
        }).ConfigureAwait(false);
        return outputs;
    }
}

/// <summary>What the end of the test writes, and why the script's own summary was not used when it failed.</summary>
internal sealed record SummaryOutputs(IReadOnlyList<SummaryOutput> Outputs, string? Error);

/// <summary>One output of <c>handleSummary</c>: <c>stdout</c>, <c>stderr</c> or a file path, with text or bytes.</summary>
internal sealed record SummaryOutput(string Target, string? Text, byte[]? Bytes);
