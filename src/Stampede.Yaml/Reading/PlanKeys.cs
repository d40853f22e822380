using Stampede.Data.Questions;
using Stampede.Data.Templates;

namespace Stampede.Yaml.Reading;

/// <summary>Every key the plan format knows, per mapping: the loader rejects others and the schema test checks the JSON Schema lists the same.</summary>
internal static class PlanKeys
{
    public static readonly IReadOnlyList<string> Root =
        ["name", "description", "baseUrl", "profile", "seed", "data", "questions", "vars", "scenarios", "thresholds", "setup", "teardown", "env", "tags", "http", "llm",
         "monitor", "target", "chaos", "limits", "redact", "metrics", "include", "tenants"];

    public static readonly IReadOnlyList<string> MetricDeclaration = ["type", "unit", "isTime"];

    public static readonly IReadOnlyList<string> Profile = ["name", "vus", "rate", "duration", "users", "spawnRate"];

    public static readonly IReadOnlyList<string> Executors =
        ["constant-vus", "ramping-vus", "constant-arrival-rate", "ramping-arrival-rate", "per-vu-iterations", "shared-iterations"];

    /// <summary>What an arrival-rate executor does when every VU is busy, and the bounds of its backlog.</summary>
    public static readonly IReadOnlyList<string> ArrivalOverflow = ["overflow", "maxQueued", "maxQueueWait"];

    public static readonly IReadOnlyList<string> OverflowModes = ["queue", "drop"];

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> ExecutorOptions = new Dictionary<string, IReadOnlyList<string>>
    {
        ["constant-vus"] = ["vus", "duration"],
        ["ramping-vus"] = ["startVUs", "stages", "gracefulRampDown"],
        ["constant-arrival-rate"] = ["rate", "timeUnit", "duration", "preAllocatedVUs", "maxVUs", .. ArrivalOverflow],
        ["ramping-arrival-rate"] = ["startRate", "timeUnit", "stages", "preAllocatedVUs", "maxVUs", .. ArrivalOverflow],
        ["per-vu-iterations"] = ["vus", "iterations", "maxDuration"],
        ["shared-iterations"] = ["vus", "iterations", "maxDuration"],
    };

    public static readonly IReadOnlyList<string> ScenarioCommon = ["description", "weight", "flow", "executor", "startTime", "gracefulStop", "tags", "env"];

    public static readonly IReadOnlyList<string> Scenario =
        [.. ScenarioCommon, .. ExecutorOptions.Values.SelectMany(v => v).Distinct()];

    public static readonly IReadOnlyList<string> Stage = ["duration", "target"];

    public static readonly IReadOnlyList<string> Methods = ["get", "post", "put", "patch", "delete", "head", "options"];

    public static readonly IReadOnlyList<string> StreamKinds = ["sse", "ws", "llm"];

    public static readonly IReadOnlyList<string> StepKinds = [.. Methods, "request", "group", "think", "repeat", "if", "log", "include", .. StreamKinds];

    public static readonly IReadOnlyList<string> LogStep = ["log", "level", "perSecond"];

    public static readonly IReadOnlyList<string> LogLevels = ["info", "warn", "error"];

    public static readonly IReadOnlyList<string> Request =
        ["method", "json", "form", "body", "multipart", "bodyFile", "gzip", "contentType", "headers", "query", "timeout", "name", "check", "capture", "retry", "abortIterationOnFail", "expect", "metric", "tags"];

    public static readonly IReadOnlyList<string> MultipartFile = ["path", "contentType", "filename"];

    public static readonly IReadOnlyList<string> SseStep =
        ["sse", "method", "json", "body", "contentType", "headers", "name", "timeout", "firstEventTimeout", "idleTimeout", "maxDuration", "until", "check", "capture", "abortIterationOnFail", "tags"];

    public static readonly IReadOnlyList<string> WsStep = ["ws", "headers", "name", "timeout", "actions", "check", "capture", "abortIterationOnFail", "tags"];

    public static readonly IReadOnlyList<string> WsActions = ["send", "receive", "listen", "ping", "think", "close"];

    public static readonly IReadOnlyList<string> WsReceive = ["until", "count", "timeout", "firstTimeout", "belongs", "check", "capture"];

    public static readonly IReadOnlyList<string> WsListen = ["duration", "until", "belongs", "check", "capture"];

    public static readonly IReadOnlyList<string> WsPing = ["send", "until", "timeout"];

    public static readonly IReadOnlyList<string> LlmStep =
    [
        "llm", "format", "transport", "model", "prompt", "messages", "system", "conversation", "apiKey", "headers", "name", "tenant", "prices", "slo",
        "costLimit", "maxTokens", "allowLength", "tokenizer", "timeout", "firstTokenTimeout", "idleTimeout", "check", "capture", "abortIterationOnFail", "tags",
    ];

    /// <summary>Tags Stampede sets itself on what a step records; a step's <c>tags:</c> may not replace them.</summary>
    public static readonly IReadOnlyList<string> ReservedTags = ["scenario", "group", "check"];

    public static readonly IReadOnlyList<string> LlmFormats = ["openai", "anthropic", "demo"];

    public static readonly IReadOnlyList<string> LlmTokenizers = ["auto", "cl100k", "o200k", "none"];

    public static readonly IReadOnlyList<string> LlmFormat = ["text", "reasoning", "textEvent", "type", "end", "endEvent", "error", "errorEvent", "usage", "finishReason"];

    public static readonly IReadOnlyList<string> LlmUsage = ["input", "output"];

    public static readonly IReadOnlyList<string> LlmTransports = ["sse", "ws"];

    public static readonly IReadOnlyList<string> LlmMessage = ["role", "content"];

    public static readonly IReadOnlyList<string> LlmConversation = ["turns"];

    public static readonly IReadOnlyList<string> LlmPrice = ["input", "output"];

    public static readonly IReadOnlyList<string> LlmRoot = ["costLimit", "prices"];

    public static readonly IReadOnlyList<string> Step =
        [.. StepKinds, .. Request, "steps", "else", "level", "perSecond", .. SseStep.Concat(WsStep).Concat(LlmStep).Except(StepKinds).Except(Request).Distinct()];

    /// <summary>What a mapping of expectations may hold (all must pass): <c>{ isArray: true, length: "&gt;0" }</c>.</summary>
    public static readonly IReadOnlyList<string> Expectation =
        ["is", ">", ">=", "<", "<=", "==", "!=", "exists", "contains", "!contains", "matches", "oneOf", "length", .. Flows.ValueMatcher.Types];

    /// <summary>What a request check's mapping may hold besides expectations.</summary>
    public static readonly IReadOnlyList<string> CheckOptions = ["name", "tags"];

    public static readonly IReadOnlyList<string> Retry = ["attempts", "backoff", "max"];

    public static readonly IReadOnlyList<string> Think = ["constant", "uniform", "gaussian", "exponential"];

    public static readonly IReadOnlyList<string> Gaussian = ["mean", "stddev"];

    public static readonly IReadOnlyList<string> Exponential = ["mean"];

    public static readonly IReadOnlyList<string> Lifecycle = ["steps", "timeout"];

    public static readonly IReadOnlyList<string> DataSource = ["csv", "json", "pick", "onExhausted"];

    public static readonly IReadOnlyList<string> Picks = ["sequential", "random", "unique"];

    public static readonly IReadOnlyList<string> Exhausted = ["cycle", "stop"];

    public static readonly IReadOnlyList<string> Questions = ["strategy", "templates"];

    public static readonly IReadOnlyList<string> QuestionStrategies = [.. Enum.GetNames<QuestionStrategy>().Select(n => n.ToLowerInvariant())];

    public static readonly IReadOnlyList<string> Threshold = ["threshold", "abortOnFail", "delayAbortEval"];

    public static readonly IReadOnlyList<string> Http = ["timeout", "maxRedirects", "http2", "insecureSkipTlsVerify", "cookies", "shareConnections", "headers"];

    public static readonly IReadOnlyList<string> CaptureForm = ["regex", "json", "header", "from"];

    /// <summary>Names a template may start with besides captures and <c>vars:</c>: the templating language's built-ins, <c>checks</c> (<c>checks.ok</c>) and <c>repeat</c> (<c>repeat.index</c>).</summary>
    public static readonly IReadOnlyList<string> TemplateRoots = [.. TemplateFunctions.Roots.Order(StringComparer.Ordinal), "checks", "repeat"];
}
