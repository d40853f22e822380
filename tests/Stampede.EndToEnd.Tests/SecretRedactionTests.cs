using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;
using Stampede.Cli;
using Stampede.DemoTarget;
using Stampede.Metrics;
using Stampede.Reports.Tests.Support;
using Xunit;

namespace Stampede.EndToEnd.Tests;

/// <summary>
/// A plan carrying secrets in headers, query strings, user information, bodies and a template variable runs against
/// the demo target with every output on; nothing written anywhere (files, the history database, the Prometheus
/// endpoint, the Pushgateway, the OTLP receiver, standard output and error) may hold any of them.
/// </summary>
public sealed class SecretRedactionTests : IAsyncLifetime
{
    // Random-looking, none a part of another, so a hit can only be a leak.
    private const string HeaderAuth = "hA7qX2Lm9wKd";
    private const string HeaderApiKey = "hK3vR8nT1zPe";
    private const string HeaderCookie = "hC5sJ0gY4bNu";
    private const string QueryApiKey = "qA9dF6cW2xLr";
    private const string QueryToken = "qT4mZ7kE1vHs";
    private const string QueryCustom = "qC8pB3yU6nGa";
    private const string QueryCustomUrl = "qU2wN5jQ9fXo";
    private const string UserInfo = "uP6tL1hM8rVc";
    private const string SseToken = "sT3gK9eA5wYb";
    private const string WsKey = "wK7nD2uZ4qSi";
    private const string LlmSig = "lS1xV6oR3mJe";
    private const string TemplateVar = "tV5bH8cN2kFp";
    private const string BodyLiteral = "bL9yG4aT7sQd";
    private const string BodyFromEnv = "bE2rW6mX1zCh";

    private static readonly string[] QueryAndHeaderSecrets =
        [HeaderAuth, HeaderApiKey, HeaderCookie, QueryApiKey, QueryToken, QueryCustom, QueryCustomUrl, UserInfo, SseToken, WsKey, LlmSig, TemplateVar];

    private static readonly string[] BodySecrets = [BodyLiteral, BodyFromEnv];

    private readonly string _folder = Directory.CreateTempSubdirectory("stampede-secrets-").FullName;
    private DemoTargetServer _target = null!;

    public async ValueTask InitializeAsync() => _target = await DemoTargetServer.StartAsync(new DemoTargetOptions
    {
        Port = 0,
        TimeToFirstTokenMean = TimeSpan.FromMilliseconds(20),
        TimeToFirstTokenStdDev = TimeSpan.FromMilliseconds(5),
        InterTokenDelayMean = TimeSpan.FromMilliseconds(2),
        InterTokenDelayStdDev = TimeSpan.FromMilliseconds(1),
        AnswerTokensMean = 8,
        AnswerTokensStdDev = 2,
    });

    public async ValueTask DisposeAsync()
    {
        await _target.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Run_PlanWithSecretsAndEveryOutput_WritesNoneOfThemAnywhere()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gateway = await ServerProcess.StartAsync("prometheus-pushgateway", (folder, port) =>
            [$"--web.listen-address=127.0.0.1:{port}", $"--persistence.file={Path.Combine(folder, "pushgateway.data")}"], "-/ready");
        var otlp = new ConcurrentQueue<byte[]>();
        await using var receiver = await StartOtlpReceiverAsync(otlp);
        var receiverAddress = receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var prometheusPort = ServerProcess.FreePort();
        var outDir = Path.Combine(_folder, "out");
        var plan = Path.Combine(_folder, "secrets.yaml");
        await File.WriteAllTextAsync(plan, Plan(_target.BaseAddress), ct);
        var host = new TestConsoleHost();

        var run = StampedeCli.RunAsync(
        [
            "run", plan, "--no-color",
            "-e", $"BASE_URL={_target.BaseAddress}", "-e", $"DEMO_API_KEY={_target.DemoApiKey}", "-e", $"BODY_SECRET={BodyFromEnv}",
            "--out-dir", outDir,
            "--out", $"ndjson={Path.Combine(outDir, "live.ndjson")}?samples=true",
            "--out", $"summary={Path.Combine(outDir, "summary.txt")}",
            "--out", $"prometheus=127.0.0.1:{prometheusPort}",
            "--out", $"pushgateway={gateway.BaseAddress}?interval=500ms&instance=secrets",
            "--out", $"otlp={receiverAddress}/v1/metrics?interval=500ms",
            "--store", Path.Combine(outDir, "history.db"),
        ], host);
        var scrapes = await ScrapeUntilDoneAsync(new Uri($"http://127.0.0.1:{prometheusPort}/metrics"), run);
        var code = await run;

        code.ShouldBe(ExitCodes.Ok, host.Output + host.Errors);
        var written = new List<(string What, string Text)>();
        foreach (var file in Directory.GetFiles(outDir, "*", SearchOption.AllDirectories))
        {
            // Latin-1 keeps every byte, so an ASCII secret is found in binary files (SQLite pages) too.
            written.Add((Path.GetFileName(file), Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file, ct))));
        }

        written.Add(("history database rows", await DumpDatabaseAsync(Path.Combine(outDir, "history.db"))));
        written.Add(("Prometheus scrapes", string.Join("\n", scrapes)));
        using var client = new HttpClient();
        written.Add(("Pushgateway", await client.GetStringAsync(new Uri(gateway.BaseAddress, "metrics"), ct)));
        written.Add(("OTLP exports", string.Join("\n", otlp.Select(Encoding.UTF8.GetString))));
        written.Add(("stdout", host.Output));
        written.Add(("stderr", host.Errors));

        // Each channel that names requests carried them (so a missing secret is not a missing output), redacted. The
        // rest hold no names: exceptions and failures (none), the per-second CSVs, and standard error (empty).
        string[] nameless = ["_exceptions.csv", "_failures.csv", "_stats_history.csv", "_metrics.csv", "stderr"];
        foreach (var (what, text) in written.Where(w => !nameless.Any(n => w.What.EndsWith(n, StringComparison.Ordinal))))
        {
            text.ShouldContain("[REDACTED]", Case.Sensitive, customMessage: what);
        }

        written.Count.ShouldBeGreaterThanOrEqualTo(14);
        foreach (var (what, text) in written)
        {
            foreach (var secret in QueryAndHeaderSecrets.Concat(BodySecrets))
            {
                text.ShouldNotContain(secret, Case.Insensitive, customMessage: $"{what} holds {secret}");
            }
        }

        var result = RunResultJson.Deserialize(await File.ReadAllTextAsync(Directory.GetFiles(outDir, "secrets_*.json").Single(), ct));
        var names = result.Metric("http_reqs")!.Series.Select(s => s.Tags.GetValueOrDefault("name") ?? "").ToList();
        names.ShouldContain(n => n.Contains("/api/health?api_key=[REDACTED]", StringComparison.Ordinal));
        names.ShouldContain(n => n.Contains("token=[REDACTED]&session_ref=[REDACTED]", StringComparison.Ordinal));
        names.ShouldContain(n => n.Contains("/api/missions?session_ref=[REDACTED]", StringComparison.Ordinal));
        names.ShouldContain(n => n.StartsWith("http://[REDACTED]@127.0.0.1", StringComparison.Ordinal));
        result.Metric("sse_events")!.Series.ShouldContain(s => s.Tags["name"] == "/api/chat?token=[REDACTED]");
        result.Metric("ws_sessions")!.Series.ShouldContain(s => s.Tags["name"] == "/api/chat?api_key=[REDACTED]");
        result.Metric("llm_requests")!.Series.ShouldContain(s => s.Tags["name"] == "/v1/chat/completions?sig=[REDACTED]");
        result.Checks.ShouldAllBe(c => c.Fails == 0);
        result.Checks.ShouldContain(c => c.Name.StartsWith("GET /api/health?api_key=[REDACTED] ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_QuickTestHeaderWithoutColon_FailsWithoutEchoingIt()
    {
        var host = new TestConsoleHost();

        var code = await StampedeCli.RunAsync(["run", "--url", "http://127.0.0.1:1/", "-H", $"Authorization Bearer {HeaderAuth}"], host);

        code.ShouldBe(ExitCodes.BadInput);
        host.Errors.ShouldContain("expected 'Name: value'");
        host.Errors.ShouldNotContain(HeaderAuth);
    }

    private static string Plan(Uri target) => $$$"""
        name: secrets
        baseUrl: ${BASE_URL}
        redact: [session_ref]
        vars:
          apiToken: {{{TemplateVar}}}
        http:
          headers:
            Cookie: "sid={{{HeaderCookie}}}"
        scenarios:
          rest:
            executor: constant-vus
            vus: 2
            duration: 3s
            flow:
              - get: /api/health?api_key={{{QueryApiKey}}}
                headers:
                  Authorization: Bearer {{{HeaderAuth}}}
                  X-Api-Key: {{{HeaderApiKey}}}
                check: { status: 200 }
              - get: /api/specs/search
                query: { q: pump, token: {{{QueryToken}}}, session_ref: {{{QueryCustom}}} }
                check: { status: 200 }
              - get: "/api/specs/search?q=valve&access_token={{ apiToken }}"
                headers: { X-Auth-Token: "{{ apiToken }}" }
              - post: /api/missions?session_ref={{{QueryCustomUrl}}}
                json: { name: redaction, password: "{{{BodyLiteral}}}", description: "${BODY_SECRET}" }
                check: { status: 201 }
              - get: http://ops:{{{UserInfo}}}@{{{target.Authority}}}/api/health
              - think: 100ms
          sse:
            executor: constant-vus
            vus: 1
            duration: 3s
            flow:
              - sse: /api/chat?token={{{SseToken}}}
                json: { message: hello }
                until: done
                idleTimeout: 5s
              - think: 100ms
          ws:
            executor: constant-vus
            vus: 1
            duration: 3s
            flow:
              - ws: /api/chat?api_key={{{WsKey}}}
                actions:
                  - send: { message: hello }
                  - receive: { until: end, timeout: 5s }
                  - close
              - think: 100ms
          llm:
            executor: constant-vus
            vus: 1
            duration: 3s
            flow:
              - llm: /v1/chat/completions?sig={{{LlmSig}}}
                format: openai
                model: demo-mini
                apiKey: "${DEMO_API_KEY}"
                prompt: hello
                firstTokenTimeout: 10s
                check: { ok: true }
              - think: 100ms
        """;

    private static async Task<WebApplication> StartOtlpReceiverAsync(ConcurrentQueue<byte[]> bodies)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.MapPost("/v1/metrics", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            bodies.Enqueue(buffer.ToArray());
            return Results.Ok();
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>Scrapes the run's Prometheus endpoint every 200 ms while it runs; every page it served.</summary>
    private static async Task<List<string>> ScrapeUntilDoneAsync(Uri endpoint, Task run)
    {
        var pages = new List<string>();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (!run.IsCompleted)
        {
            try
            {
                pages.Add(await client.GetStringAsync(endpoint));
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or already gone.
            }

            await Task.WhenAny(run, Task.Delay(200));
        }

        return pages;
    }

    /// <summary>Every value of every row of every table, as text.</summary>
    private static async Task<string> DumpDatabaseAsync(string path)
    {
        var text = new StringBuilder();
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('\t');
                }

                text.AppendLine();
            }
        }

        tables.ShouldContain("runs");
        return text.ToString();
    }
}
