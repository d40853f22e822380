using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Stampede.History.Store;

/// <summary>The embedded store: one SQLite file, created with its folder on first use. Nothing to install.</summary>
internal sealed class SqliteRunStore(string path) : SqlRunStore
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        // Pooling would keep the file open after the store is disposed, which tests and users deleting it trip on.
        Pooling = false,
        DefaultTimeout = 30,
    }.ToString();

    public string Path { get; } = path;

    protected override IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "runs and their metrics",
        [
            """
            CREATE TABLE runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                plan TEXT NOT NULL,
                started_at TEXT NOT NULL,
                ended_at TEXT NOT NULL,
                duration_seconds REAL NOT NULL,
                passed INTEGER NOT NULL,
                stop_reason TEXT,
                host TEXT NOT NULL,
                tool_version TEXT NOT NULL,
                git_commit TEXT,
                source TEXT,
                tags TEXT NOT NULL,
                plan_text TEXT,
                requests REAL,
                request_rate REAL,
                p95_ms REAL,
                error_rate REAL,
                result TEXT NOT NULL)
            """,
            "CREATE INDEX runs_plan_started ON runs (plan, started_at)",
            """
            CREATE TABLE run_metrics (
                run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                metric TEXT NOT NULL,
                aggregation TEXT NOT NULL,
                value REAL NOT NULL,
                PRIMARY KEY (run_id, metric, aggregation))
            """,
            "CREATE INDEX run_metrics_metric ON run_metrics (metric, aggregation)",
        ]),
        new(2, "per-tenant rows of runs with tenants",
        [
            """
            CREATE TABLE run_tenants (
                run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                tenant TEXT NOT NULL,
                organization TEXT NOT NULL,
                users INTEGER NOT NULL,
                requests REAL NOT NULL,
                errors BIGINT NOT NULL,
                error_rate REAL NOT NULL,
                p95_ms REAL,
                cost_usd REAL NOT NULL,
                PRIMARY KEY (run_id, tenant))
            """,
            "CREATE INDEX run_tenants_tenant ON run_tenants (tenant)",
        ]),
    ];

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path)) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragma = connection.CreateCommand();
            // WAL lets `stampede history` read while a run writes; foreign keys are off by default in SQLite.
            pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (SqliteException exception)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new HistoryStoreException($"cannot open the history store {Path}: {exception.Message}", exception);
        }
    }
}
