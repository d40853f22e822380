namespace Stampede.DemoTarget;

/// <summary>
/// Settings of the demo target. Every knob has a default that gives a quiet, healthy server;
/// fault knobs (<see cref="ErrorRate"/>, <see cref="AddedLatency"/>, stalls, drops, slow bodies)
/// are off by default and can also be set per request with <c>X-Fault-*</c> headers or <c>fault-*</c> query parameters.
/// </summary>
public sealed record DemoTargetOptions
{
    /// <summary>Address to listen on. Default <c>127.0.0.1</c>.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Port to listen on; 0 picks a free port. Default 5000.</summary>
    public int Port { get; init; } = 5000;

    /// <summary>Seed of every random choice (answers, timings, faults, keys), so runs repeat. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Mean time to first token of a streamed answer. Default 200 ms.</summary>
    public TimeSpan TimeToFirstTokenMean { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Standard deviation of the time to first token (normal distribution, clamped at 0). Default 50 ms.</summary>
    public TimeSpan TimeToFirstTokenStdDev { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Mean delay between two streamed tokens. Default 20 ms.</summary>
    public TimeSpan InterTokenDelayMean { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Standard deviation of the inter-token delay (normal distribution, clamped at 0). Default 5 ms.</summary>
    public TimeSpan InterTokenDelayStdDev { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Mean number of tokens in an answer. Default 40.</summary>
    public int AnswerTokensMean { get; init; } = 40;

    /// <summary>Standard deviation of the number of tokens in an answer (clamped at 1). Default 10.</summary>
    public int AnswerTokensStdDev { get; init; } = 10;

    /// <summary>Size in bytes of the <c>body</c> field of a spec returned by <c>GET /api/specs/{id}</c>. Default 1024.</summary>
    public int SpecPayloadBytes { get; init; } = 1024;

    /// <summary>Number of specs in the catalogue (<c>spec-1</c> … <c>spec-N</c>). Default 1000.</summary>
    public int SpecCount { get; init; } = 1000;

    /// <summary>Number of dimensions of an embedding unless the request asks for <c>dimensions</c>. Default 256.</summary>
    public int EmbeddingDimensions { get; init; } = 256;

    /// <summary>Latency added to every request before it is answered. Default 0.</summary>
    public TimeSpan AddedLatency { get; init; } = TimeSpan.Zero;

    /// <summary>Fraction of requests, 0 to 1, answered with 500. Default 0.</summary>
    public double ErrorRate { get; init; }

    /// <summary>Fraction of requests, 0 to 1, whose connection is aborted (mid-stream for streaming endpoints). Default 0.</summary>
    public double DropRate { get; init; }

    /// <summary>How long each stall lasts: the server answers nothing for this long once every <see cref="StallEvery"/>. Default 0 (no stalls).</summary>
    public TimeSpan StallFor { get; init; } = TimeSpan.Zero;

    /// <summary>Period of stalls; a stall occupies the end of each period. Default 0 (no stalls).</summary>
    public TimeSpan StallEvery { get; init; } = TimeSpan.Zero;

    /// <summary>Write response bodies at this many bytes per second; 0 writes at full speed. Default 0.</summary>
    public int SlowBodyBytesPerSecond { get; init; }

    /// <summary>Whether clients may set fault knobs per request with <c>X-Fault-*</c> headers or <c>fault-*</c> query parameters. Default true.</summary>
    public bool AllowRequestFaults { get; init; } = true;

    /// <summary>Requests served at once (WebSocket sessions excepted); past it requests queue. Default 256.</summary>
    public int MaxConcurrency { get; init; } = 256;

    /// <summary>Requests that may wait for a slot; past it requests get 503 at once. Default 1024.</summary>
    public int MaxQueueLength { get; init; } = 1024;

    /// <summary>Longest wait for a slot before a queued request gets 503. Default 2 s.</summary>
    public TimeSpan QueueTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Budget in US dollars of an organisation created without one. Default 10.</summary>
    public decimal DefaultOrgBudgetUsd { get; init; } = 10m;

    /// <summary>
    /// Breaks budget isolation on purpose, to prove an isolation check can fail: once any organisation has spent its
    /// budget, every organisation's AI requests are refused with 429. Default false.
    /// </summary>
    public bool LeakyBudgets { get; init; }

    /// <summary>Whether to pre-create the <c>demo</c> organisation with a user and the key <see cref="DemoTargetServer.DemoApiKey"/>. Default true.</summary>
    public bool SeedDemoOrg { get; init; } = true;

    /// <summary>Budget in US dollars of the pre-created <c>demo</c> organisation. Default 1000.</summary>
    public decimal DemoOrgBudgetUsd { get; init; } = 1000m;

    /// <summary>Interval between two messages on a pub/sub channel of <c>GET /ws</c>. Default 500 ms.</summary>
    public TimeSpan PubSubInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Frequency the background loop behind <c>backend_loop_hz</c> aims for. Default 100.</summary>
    public int BackendLoopHz { get; init; } = 100;

    /// <summary>Conversations kept for multi-turn chat; the oldest are forgotten past it. Default 10000.</summary>
    public int MaxConversations { get; init; } = 10_000;

    /// <summary>Every problem with these options at once; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Host))
        {
            problems.Add("Host must not be empty.");
        }

        if (Port is < 0 or > 65535)
        {
            problems.Add($"Port must be between 0 and 65535 (was {Port}).");
        }

        NonNegative(problems, nameof(TimeToFirstTokenMean), TimeToFirstTokenMean);
        NonNegative(problems, nameof(TimeToFirstTokenStdDev), TimeToFirstTokenStdDev);
        NonNegative(problems, nameof(InterTokenDelayMean), InterTokenDelayMean);
        NonNegative(problems, nameof(InterTokenDelayStdDev), InterTokenDelayStdDev);
        NonNegative(problems, nameof(AddedLatency), AddedLatency);
        NonNegative(problems, nameof(StallFor), StallFor);
        NonNegative(problems, nameof(StallEvery), StallEvery);
        NonNegative(problems, nameof(QueueTimeout), QueueTimeout);
        if (StallFor > TimeSpan.Zero && StallEvery <= StallFor)
        {
            problems.Add($"StallEvery ({StallEvery}) must be longer than StallFor ({StallFor}).");
        }

        if (PubSubInterval <= TimeSpan.Zero)
        {
            problems.Add($"PubSubInterval must be positive (was {PubSubInterval}).");
        }

        Fraction(problems, nameof(ErrorRate), ErrorRate);
        Fraction(problems, nameof(DropRate), DropRate);
        AtLeast(problems, nameof(AnswerTokensMean), AnswerTokensMean, 1);
        AtLeast(problems, nameof(AnswerTokensStdDev), AnswerTokensStdDev, 0);
        AtLeast(problems, nameof(SpecPayloadBytes), SpecPayloadBytes, 0);
        AtLeast(problems, nameof(SpecCount), SpecCount, 1);
        AtLeast(problems, nameof(EmbeddingDimensions), EmbeddingDimensions, 1);
        AtLeast(problems, nameof(SlowBodyBytesPerSecond), SlowBodyBytesPerSecond, 0);
        AtLeast(problems, nameof(MaxConcurrency), MaxConcurrency, 1);
        AtLeast(problems, nameof(MaxQueueLength), MaxQueueLength, 0);
        AtLeast(problems, nameof(BackendLoopHz), BackendLoopHz, 1);
        AtLeast(problems, nameof(MaxConversations), MaxConversations, 1);
        if (BackendLoopHz > 1000)
        {
            problems.Add($"BackendLoopHz must be at most 1000 (was {BackendLoopHz}).");
        }

        if (DefaultOrgBudgetUsd < 0)
        {
            problems.Add($"DefaultOrgBudgetUsd must not be negative (was {DefaultOrgBudgetUsd}).");
        }

        if (DemoOrgBudgetUsd < 0)
        {
            problems.Add($"DemoOrgBudgetUsd must not be negative (was {DemoOrgBudgetUsd}).");
        }

        return problems;
    }

    private static void NonNegative(List<string> problems, string name, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            problems.Add($"{name} must not be negative (was {value}).");
        }
    }

    private static void Fraction(List<string> problems, string name, double value)
    {
        if (double.IsNaN(value) || value is < 0 or > 1)
        {
            problems.Add($"{name} must be between 0 and 1 (was {value}).");
        }
    }

    private static void AtLeast(List<string> problems, string name, int value, int minimum)
    {
        if (value < minimum)
        {
            problems.Add($"{name} must be at least {minimum} (was {value}).");
        }
    }
}
