using System.Data.Common;
using Npgsql;

namespace Stampede.History.Store;

/// <summary>The team store: a PostgreSQL database shared by CI and developers; the schema is migrated on first use.</summary>
internal sealed class PostgresRunStore : SqlRunStore
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresRunStore(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        Display = new NpgsqlConnectionStringBuilder(connectionString) { Password = null }.ToString();
    }

    /// <summary>The connection string without its password, for messages.</summary>
    public string Display { get; }

    protected override IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "runs and their metrics",
        [
            """
            CREATE TABLE runs (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                plan TEXT NOT NULL,
                started_at TIMESTAMPTZ NOT NULL,
                ended_at TIMESTAMPTZ NOT NULL,
                duration_seconds DOUBLE PRECISION NOT NULL,
                passed BOOLEAN NOT NULL,
                stop_reason TEXT,
                host TEXT NOT NULL,
                tool_version TEXT NOT NULL,
                git_commit TEXT,
                source TEXT,
                tags TEXT NOT NULL,
                plan_text TEXT,
                requests DOUBLE PRECISION,
                request_rate DOUBLE PRECISION,
                p95_ms DOUBLE PRECISION,
                error_rate DOUBLE PRECISION,
                result TEXT NOT NULL)
            """,
            "CREATE INDEX runs_plan_started ON runs (plan, started_at)",
            """
            CREATE TABLE run_metrics (
                run_id BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                metric TEXT NOT NULL,
                aggregation TEXT NOT NULL,
                value DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (run_id, metric, aggregation))
            """,
            "CREATE INDEX run_metrics_metric ON run_metrics (metric, aggregation)",
        ]),
        new(2, "per-tenant rows of runs with tenants",
        [
            """
            CREATE TABLE run_tenants (
                run_id BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                tenant TEXT NOT NULL,
                organization TEXT NOT NULL,
                users INTEGER NOT NULL,
                requests DOUBLE PRECISION NOT NULL,
                errors BIGINT NOT NULL,
                error_rate DOUBLE PRECISION NOT NULL,
                p95_ms DOUBLE PRECISION,
                cost_usd DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (run_id, tenant))
            """,
            "CREATE INDEX run_tenants_tenant ON run_tenants (tenant)",
        ]),
    ];

    // Two CI jobs starting against a fresh database must not both create the tables.
    protected override string? MigrationLockStatement => "SELECT pg_advisory_xact_lock(7061706564)";

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            throw new HistoryStoreException($"cannot reach the history store ({Display}): {exception.Message}", exception);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
