using Microsoft.Data.Sqlite;
using Stampede.History.Store;

namespace Stampede.History.Tests.Store;

/// <summary>The run store contract against a SQLite file.</summary>
public sealed class SqliteRunStoreTests : RunStoreContractTests, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("stampede-history-");
    private string _path = "";

    protected override Task<IRunStore> CreateStoreAsync()
    {
        _path = Path.Combine(_folder.FullName, Guid.NewGuid().ToString("N"), "history.db");
        return Task.FromResult(RunStores.Open(_path));
    }

    protected override IRunStore ReopenStore() => RunStores.Open("sqlite:" + _path);

    protected override async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_path};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task SaveAsync_FolderMissing_CreatesTheFile()
    {
        await using var store = await CreateStoreAsync();

        await store.SaveAsync(new RunRecord { Result = SyntheticRuns.Run(seed: 3, seconds: 3) }, TestContext.Current.CancellationToken);

        File.Exists(_path).ShouldBeTrue();
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
