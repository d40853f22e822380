using Stampede.History.Store;
using Stampede.Metrics;

namespace Stampede.History.Tests.Store;

/// <summary>What every run store must do; each store runs these against a real database.</summary>
public abstract class RunStoreContractTests
{
    /// <summary>A store over a fresh, empty database.</summary>
    protected abstract Task<IRunStore> CreateStoreAsync();

    /// <summary>A second store over the same database as the last <see cref="CreateStoreAsync"/>.</summary>
    protected abstract IRunStore ReopenStore();

    /// <summary>Runs raw SQL against the last database and returns the first column of the first row.</summary>
    protected abstract Task<object?> ScalarAsync(string sql);

    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SaveAsync_ThenGetAsync_ReturnsTheFullResultAndSummary()
    {
        await using var store = await CreateStoreAsync();
        var result = SyntheticRuns.Run(seed: 1, tags: new Dictionary<string, string> { ["release"] = "1.4" });

        var id = await store.SaveAsync(new RunRecord { Result = result, PlanText = "name: checkout\n", GitCommit = "abc123" }, TestContext.Current.CancellationToken);
        var stored = await store.GetAsync(id, TestContext.Current.CancellationToken);

        stored.ShouldNotBeNull();
        RunResultJson.Serialize(stored.Result).ShouldBe(RunResultJson.Serialize(result));
        stored.PlanText.ShouldBe("name: checkout\n");
        stored.Summary.Id.ShouldBe(id);
        stored.Summary.Plan.ShouldBe("checkout");
        stored.Summary.GitCommit.ShouldBe("abc123");
        stored.Summary.Tags["release"].ShouldBe("1.4");
        stored.Summary.Passed.ShouldBeTrue();
        stored.Summary.StartedAt.ShouldBe(result.Meta.StartedAt);
        stored.Summary.P95.ShouldBe(result.Metric("http_req_duration")!.Values.P95);
        stored.Summary.Requests.ShouldBe(result.Metric("http_reqs")!.Values.Count);
    }

    [Fact]
    public async Task GetAsync_UnknownId_ReturnsNull()
    {
        await using var store = await CreateStoreAsync();

        (await store.GetAsync(12345, TestContext.Current.CancellationToken)).ShouldBeNull();
    }

    [Fact]
    public async Task ListAsync_ByPlanWithLimit_ReturnsNewestRunsOfThatPlanFirst()
    {
        await using var store = await CreateStoreAsync();
        for (var i = 0; i < 5; i++)
        {
            await store.SaveAsync(new RunRecord { Result = SyntheticRuns.Run(seed: i, seconds: 5, startedAt: Monday.AddHours(i)) }, TestContext.Current.CancellationToken);
        }

        await store.SaveAsync(new RunRecord { Result = SyntheticRuns.Run(seed: 9, seconds: 5, plan: "search", startedAt: Monday.AddDays(1)) }, TestContext.Current.CancellationToken);

        var runs = await store.ListAsync(new RunQuery { Plan = "checkout", Last = 3 }, TestContext.Current.CancellationToken);

        runs.Select(r => r.StartedAt).ShouldBe([Monday.AddHours(4), Monday.AddHours(3), Monday.AddHours(2)]);
        runs.ShouldAllBe(r => r.Plan == "checkout");
    }

    [Fact]
    public async Task ListAsync_PassedOnly_LeavesOutFailedRuns()
    {
        await using var store = await CreateStoreAsync();
        var passed = await store.SaveAsync(new RunRecord { Result = SyntheticRuns.Run(seed: 1, seconds: 5, startedAt: Monday) }, TestContext.Current.CancellationToken);
        await store.SaveAsync(new RunRecord { Result = SyntheticRuns.Run(seed: 2, seconds: 5, passed: false, startedAt: Monday.AddHours(1)) }, TestContext.Current.CancellationToken);

        var runs = await store.ListAsync(new RunQuery { PassedOnly = true }, TestContext.Current.CancellationToken);

        runs.Select(r => r.Id).ShouldBe([passed]);
    }

    [Fact]
    public async Task ListAsync_ByTagAndBeforeId_MatchesKeyValueAndOlderRuns()
    {
        await using var store = await CreateStoreAsync();
        var release13 = await store.SaveAsync(new RunRecord { Result = SyntheticRuns.Run(seed: 1, seconds: 5, startedAt: Monday, tags: new Dictionary<string, string> { ["release"] = "1.3" }) }, TestContext.Current.CancellationToken);
        var release14 = await store.SaveAsync(new RunRecord { Result = SyntheticRuns.Run(seed: 2, seconds: 5, startedAt: Monday.AddHours(1), tags: new Dictionary<string, string> { ["release"] = "1.4" }) }, TestContext.Current.CancellationToken);
        var untagged = await store.SaveAsync(new RunRecord { Result = SyntheticRuns.Run(seed: 3, seconds: 5, startedAt: Monday.AddHours(2)) }, TestContext.Current.CancellationToken);

        var anyRelease = await store.ListAsync(new RunQuery { TagKey = "release" }, TestContext.Current.CancellationToken);
        var exact = await store.ListAsync(new RunQuery { TagKey = "release", TagValue = "1.3" }, TestContext.Current.CancellationToken);
        var older = await store.ListAsync(new RunQuery { BeforeId = untagged }, TestContext.Current.CancellationToken);

        anyRelease.Select(r => r.Id).ShouldBe([release14, release13]);
        exact.Select(r => r.Id).ShouldBe([release13]);
        older.Select(r => r.Id).ShouldBe([release14, release13]);
    }

    [Fact]
    public async Task TrendAsync_MetricAggregation_ReturnsOneValuePerRunOldestFirst()
    {
        await using var store = await CreateStoreAsync();
        var expected = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var result = SyntheticRuns.Run(seed: i, seconds: 5, p95: 100 * (i + 1), startedAt: Monday.AddHours(i));
            expected.Add(result.Metric("http_req_duration")!.Values.P95!.Value);
            await store.SaveAsync(new RunRecord { Result = result, GitCommit = $"c{i}" }, TestContext.Current.CancellationToken);
        }

        var trend = await store.TrendAsync("http_req_duration", "p95", new RunQuery { Plan = "checkout" }, TestContext.Current.CancellationToken);

        trend.Select(p => p.Value).ShouldBe(expected);
        trend.Select(p => p.GitCommit).ShouldBe(["c0", "c1", "c2"]);
    }

    [Fact]
    public async Task Migrations_SecondOpen_RecordsEachVersionOnceAndKeepsRuns()
    {
        long id;
        await using (var store = await CreateStoreAsync())
        {
            id = await store.SaveAsync(new RunRecord { Result = SyntheticRuns.Run(seed: 1, seconds: 5) }, TestContext.Current.CancellationToken);
        }

        await using var again = ReopenStore();
        (await again.GetAsync(id, TestContext.Current.CancellationToken)).ShouldNotBeNull();
        Convert.ToInt64(await ScalarAsync("SELECT COUNT(*) FROM schema_version")).ShouldBe(2);
        Convert.ToInt64(await ScalarAsync("SELECT MAX(version) FROM schema_version")).ShouldBe(2);
    }

    [Fact]
    public async Task Migrations_SchemaFromNewerVersion_ThrowsWithAClearMessage()
    {
        await using (var store = await CreateStoreAsync())
        {
            await store.ListAsync(new RunQuery(), TestContext.Current.CancellationToken);
        }

        await ScalarAsync("INSERT INTO schema_version (version, description, applied_at) VALUES (99, 'future', 'now')");
        await using var again = ReopenStore();

        var exception = await Should.ThrowAsync<HistoryStoreException>(() => again.ListAsync(new RunQuery(), TestContext.Current.CancellationToken));
        exception.Message.ShouldContain("newer than this Stampede understands");
    }

    [Fact]
    public async Task SaveAsync_RunWithTenants_GetAsyncReturnsItsTenantRowsInPlanOrder()
    {
        await using var store = await CreateStoreAsync();
        var result = SyntheticRuns.Run(seed: 1, seconds: 5) with
        {
            Tenants = new TenantsResult
            {
                RunId = "r1",
                Tenants =
                [
                    new TenantRow { Tenant = "org-2", Organization = "acme-r1", Users = 3, Requests = 40, ErrorRate = 0.25, P95Ms = 12.5, CostUsd = 0.0042 },
                    new TenantRow { Tenant = "org-1", Organization = "globex-r1", Users = 1, Requests = 0, ErrorRate = 0, P95Ms = null, CostUsd = 0 },
                ],
            },
        };

        var id = await store.SaveAsync(new RunRecord { Result = result }, TestContext.Current.CancellationToken);
        var stored = (await store.GetAsync(id, TestContext.Current.CancellationToken)).ShouldNotBeNull();

        stored.Tenants.Select(t => t.Tenant).ShouldBe(["org-2", "org-1"]);
        stored.Tenants[0].ShouldBe(new StoredTenant { Tenant = "org-2", Organization = "acme-r1", Users = 3, Requests = 40, Errors = 10, ErrorRate = 0.25, P95Ms = 12.5, CostUsd = 0.0042 });
        stored.Tenants[1].P95Ms.ShouldBeNull();
        stored.Tenants.Select(t => t.ToRow()).ShouldBe(result.Tenants.Tenants);
        Convert.ToInt64(await ScalarAsync("SELECT COUNT(*) FROM run_tenants WHERE tenant = 'org-2'")).ShouldBe(1);
    }

    [Fact]
    public async Task SaveAsync_RunWithoutTenants_StoresNoTenantRows()
    {
        await using var store = await CreateStoreAsync();

        var id = await store.SaveAsync(new RunRecord { Result = SyntheticRuns.Run(seed: 2, seconds: 5) }, TestContext.Current.CancellationToken);

        (await store.GetAsync(id, TestContext.Current.CancellationToken)).ShouldNotBeNull().Tenants.ShouldBeEmpty();
        Convert.ToInt64(await ScalarAsync("SELECT COUNT(*) FROM run_tenants")).ShouldBe(0);
    }
}
