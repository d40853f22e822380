using System.CommandLine;

namespace Stampede.Cli;

/// <summary>
/// The options every run takes, from <c>stampede run</c>, <c>stampede demo</c> and a C# program's
/// <c>plan.RunAsync(args)</c> alike, so a plan behaves the same however it is started.
/// </summary>
internal sealed class RunOptions
{
    public Option<int?> Vus { get; } = new("--vus", "-u") { Description = "Number of virtual users (overrides the plan's executors with constant-vus, or sets the start of --stage ramps)." };

    public Option<int?> Users { get; } = new("--users") { Description = "Locust's word for --vus: how many users. With --spawn-rate, the peak of the ramp." };

    public Option<double?> SpawnRate { get; } = new("--spawn-rate") { Description = "Locust's ramp: start --users (or --vus) at this many users per second from none, then hold them until --duration (which counts the ramp; default 1m)." };

    public Option<string?> Duration { get; } = new("--duration", "-d") { Description = "How long to run, e.g. 30s, 1m30s (with --vus: constant-vus; with --rate: constant-arrival-rate)." };

    public Option<int?> Iterations { get; } = new("--iterations", "-i") { Description = "Total iterations shared by the VUs (shared-iterations)." };

    public Option<string[]> Stages { get; } = new("--stage", "-s") { Description = "A ramp stage DURATION:TARGET, e.g. --stage 30s:10 --stage 1m:10 --stage 30s:0 (ramping-vus). Repeatable.", AllowMultipleArgumentsPerToken = false };

    public Option<double?> Rate { get; } = new("--rate", "-r") { Description = "Iterations to start per second (constant-arrival-rate: an open model that does not slow down when the target does). With --vus, that many VUs serve the arrivals (default: rate/10, 10 to 1,000); arrivals that find none free wait for one (see --overflow)." };

    public Option<string?> Overflow { get; } = new("--overflow") { Description = "What an arrival-rate scenario does with an arrival that finds every VU busy: queue (wait for a free VU; latency counts the wait; the default) or drop (k6's behaviour: count it in dropped_iterations)." };

    public Option<string[]> Env { get; } = new("--env", "-e") { Description = "An environment variable for the plan, KEY=VALUE. Repeatable." };

    public Option<string[]> Out { get; } = new("--out", "-o") { Description = "Write or export results, KIND=TARGET: json, html, csv (a prefix), junit, markdown, summary, ndjson (FILE); prometheus=[HOST]:PORT; pushgateway=URL; otlp=URL. Repeatable; see docs/outputs.md." };

    public Option<string[]> Thresholds { get; } = new("--threshold") { Description = "Add a threshold METRIC:EXPRESSION, e.g. 'http_req_duration:p(95)<500' or 'http_req_failed{status:500}:rate<0.01'. Repeatable." };

    public Option<string[]> Tags { get; } = new("--tag") { Description = "Add a tag to every sample, KEY=VALUE. Repeatable." };

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "No live progress; the summary is still printed." };

    public Option<bool> NoSummary { get; } = new("--no-summary") { Description = "Do not print the end-of-test summary." };

    public Option<bool> NoColor { get; } = new("--no-color") { Description = "No colours in the output (also when NO_COLOR is set or output is not a terminal)." };

    public Option<bool> Http2 { get; } = new("--http2") { Description = "Use HTTP/2 (h2c prior knowledge for http://, ALPN for https://)." };

    public Option<bool> Insecure { get; } = new("--insecure-skip-tls-verify") { Description = "Accept any TLS certificate." };

    public Option<string?> Timeout { get; } = new("--timeout") { Description = "Request timeout, e.g. 10s (default 60s)." };

    public Option<string?> Profile { get; } = new("--profile") { Description = "A load profile: smoke, load, ramp-up, sustained, stress, spike, soak or breakpoint; --vus, --rate and --duration scale it." };

    public Option<string?> OutDir { get; } = new("--out-dir") { Description = "Write every result file into this folder as <plan>_<YYYY-MM-DD_HH-MM>.<ext> (json, html, csv, junit.xml, md); --out files given as a bare name go there too." };

    /// <summary>What <c>--out-dir</c> writes, each named <c>&lt;plan&gt;_&lt;YYYY-MM-DD_HH-MM&gt;</c> plus the suffix.</summary>
    public static readonly IReadOnlyList<(string Kind, string Suffix)> OutDirOutputs =
        [("json", ".json"), ("html", ".html"), ("csv", ""), ("junit", ".junit.xml"), ("markdown", ".md")];

    public Option<string?> Store { get; } = new("--store") { Description = "The run history store: a SQLite file (default ./.stampede/history.db) or postgres://user:pass@host:port/db (also STAMPEDE_STORE)." };

    public Option<string?> Baseline { get; } = new("--baseline") { Description = "After the run, compare with a baseline: last-passed, last, tag:KEY[=VALUE], a run id or a result file; exit 98 on a regression." };

    public Option<string?> Regressions { get; } = new("--regressions") { Description = "Tolerance bands for --baseline, a YAML/JSON file: { http_req_duration: { p95: \"+10%\" } }." };

    public Option<bool> NoHistory { get; } = new("--no-history") { Description = "Do not store this run in the run history." };

    public Option<bool> KeepData { get; } = new("--keep-data") { Description = "Leave the organisations, users and keys a plan's tenants: created on the target (no cleanup); their manifest is kept for stampede cleanup." };

    public Option<string?> Segment { get; } = new("--segment", "--execution-segment") { Description = "Run only this share of the plan, for a load split across machines: FROM:TO (1/4:1/2) or TO (1/2 means 0:1/2), as fractions, decimals or whole percentages (k6's --execution-segment); merge the parts with stampede merge. See docs/distributed.md." };

    public Option<string?> SegmentSequence { get; } = new("--segment-sequence", "--execution-segment-sequence") { Description = "How the whole load is cut into segments, e.g. 0,1/4,1/2,3/4,1; give every machine the same one so their shares interleave exactly (k6's --execution-segment-sequence)." };

    public Option<string?> Dashboard { get; } = new("--dashboard") { Description = "Serve a live dashboard during the run at [HOST:]PORT (default 127.0.0.1:5665): charts, tables, thresholds, and controls (stop, pause, VUs, rate). Any address but loopback needs the token. See docs/dashboard.md.", Arity = ArgumentArity.ZeroOrOne };

    public Option<string?> DashboardToken { get; } = new("--dashboard-token") { Description = "The dashboard's token (at least 8 characters); without it one is generated and printed. Control always needs it; watching needs it too off loopback." };

    public Option<string?> DashboardLinger { get; } = new("--dashboard-linger") { Description = "Keep the dashboard up this long after the run, e.g. 5m (its page links the HTML report, when --out html wrote one)." };

    public IEnumerable<Option> All =>
        [Profile, Vus, Users, SpawnRate, Duration, Iterations, Stages, Rate, Overflow, Env, Out, OutDir, Thresholds, Tags, Quiet, NoSummary, NoColor, Http2, Insecure, Timeout, Store, Baseline, Regressions, NoHistory, KeepData, Segment, SegmentSequence, Dashboard, DashboardToken, DashboardLinger];

    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            // A command may define its own variant (stampede demo has a default --out-dir).
            if (command.Options.Any(o => o.Name == option.Name))
            {
                continue;
            }

            command.Options.Add(option);
        }
    }

    public RunSettings Read(ParseResult parse) => new()
    {
        Vus = parse.GetValue(Vus) ?? parse.GetValue(Users),
        BothVusAndUsers = parse.GetValue(Vus) is not null && parse.GetValue(Users) is not null,
        SpawnRate = parse.GetValue(SpawnRate),
        Duration = parse.GetValue(Duration),
        Iterations = parse.GetValue(Iterations),
        Stages = parse.GetValue(Stages) ?? [],
        Rate = parse.GetValue(Rate),
        Overflow = parse.GetValue(Overflow),
        Env = parse.GetValue(Env) ?? [],
        Outputs = WithOutDir(parse.GetValue(Out) ?? [], parse.GetResult(OutDir) is null ? null : parse.GetValue(OutDir)),
        Thresholds = parse.GetValue(Thresholds) ?? [],
        Tags = parse.GetValue(Tags) ?? [],
        Quiet = parse.GetValue(Quiet),
        NoSummary = parse.GetValue(NoSummary),
        NoColor = parse.GetValue(NoColor),
        Http2 = parse.GetValue(Http2),
        Insecure = parse.GetValue(Insecure),
        Timeout = parse.GetValue(Timeout),
        Profile = parse.GetValue(Profile),
        Store = parse.GetValue(Store),
        Baseline = parse.GetValue(Baseline),
        Regressions = parse.GetValue(Regressions),
        NoHistory = parse.GetValue(NoHistory),
        KeepData = parse.GetValue(KeepData),
        Segment = parse.GetValue(Segment),
        SegmentSequence = parse.GetValue(SegmentSequence),
        Dashboard = parse.GetResult(Dashboard) is null ? null : parse.GetValue(Dashboard) ?? "",
        DashboardToken = parse.GetValue(DashboardToken),
        DashboardLinger = parse.GetValue(DashboardLinger),
    };

    /// <summary>
    /// Whether an <c>--out</c> file goes into <c>--out-dir</c>: a bare file name does (<c>live.ndjson</c>); a path
    /// that names a folder (<c>out/samples.ndjson</c>, <c>./live.ndjson</c>, <c>/tmp/x.json</c>) is taken as typed,
    /// from the current directory, so <c>--out-dir out --out ndjson=out/samples.ndjson</c> writes
    /// <c>out/samples.ndjson</c>, not <c>out/out/samples.ndjson</c>.
    /// </summary>
    internal static bool InOutDir(string target) =>
        target.Length > 0 && target.IndexOfAny([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar]) < 0 && !Path.IsPathRooted(target);

    /// <summary>Adds the <c>--out-dir</c> files and moves bare <c>--out</c> file names into that folder (see <see cref="InOutDir"/>).</summary>
    internal static IReadOnlyList<string> WithOutDir(IReadOnlyList<string> outputs, string? folder)
    {
        if (string.IsNullOrEmpty(folder))
        {
            return outputs;
        }

        var inFolder = outputs.Select(spec =>
        {
            var equals = spec.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || spec[..equals] is "prometheus" or "pushgateway" or "otlp")
            {
                return spec;
            }

            var target = spec[(equals + 1)..];
            return InOutDir(target) ? spec[..(equals + 1)] + Path.Combine(folder, target) : spec;
        });
        var standard = OutDirOutputs.Select(o => $"{o.Kind}={Path.Combine(folder, Stampede.Outputs.OutputPath.StandardName)}{o.Suffix}");
        return [.. standard, .. inFolder];
    }
}
