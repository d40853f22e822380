using Npgsql;
using Stampede.History.Store;
using Stampede.History.Tests.Support;

namespace Stampede.History.Tests.Store;

/// <summary>The run store contract against a real PostgreSQL server (one per class, a fresh database per test).</summary>
public sealed class PostgresRunStoreTests(PostgresServer server) : RunStoreContractTests, IClassFixture<PostgresServer>
{
    private string _connectionString = "";

    protected override async Task<IRunStore> CreateStoreAsync()
    {
        _connectionString = await server.CreateDatabaseAsync();
        return RunStores.Open(_connectionString);
    }

    protected override IRunStore ReopenStore() => RunStores.Open(_connectionString);

    protected override async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task Open_PostgresUrl_StoresAndReadsRuns()
    {
        await using var store = RunStores.Open(server.Url);

        var id = await store.SaveAsync(new RunRecord { Result = SyntheticRuns.Run(seed: 5, seconds: 3, plan: "url-plan") }, TestContext.Current.CancellationToken);

        (await store.GetAsync(id, TestContext.Current.CancellationToken))!.Summary.Plan.ShouldBe("url-plan");
    }

    [Fact]
    public async Task SaveAsync_ServerUnreachable_ThrowsHistoryStoreException()
    {
        await using var store = RunStores.Open("postgres://nobody:secret@127.0.0.1:1/none?Timeout=2");

        var exception = await Should.ThrowAsync<HistoryStoreException>(() => store.ListAsync(new RunQuery(), TestContext.Current.CancellationToken));

        exception.Message.ShouldContain("cannot reach the history store");
        exception.Message.ShouldNotContain("secret");
    }
}
