using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Stampede.Metrics;

namespace Stampede.History.Store;

/// <summary>
/// The run store over plain ADO.NET: SQLite and PostgreSQL share every query and differ only in their connection
/// and the DDL of their migrations. The schema is created and migrated on first use, inside one transaction.
/// </summary>
internal abstract class SqlRunStore : IRunStore
{
    private readonly SemaphoreSlim _migrateLock = new(1, 1);
    private bool _migrated;

    /// <summary>The migrations in order; the last one's version is the schema this build writes.</summary>
    protected abstract IReadOnlyList<Migration> Migrations { get; }

    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Serialises concurrent migrations from several processes (PostgreSQL: an advisory lock); null when the transaction already does.</summary>
    protected virtual string? MigrationLockStatement => null;

    public int SchemaVersion => Migrations[^1].Version;

    public async Task<long> SaveAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var result = run.Result;
        var meta = result.Meta;
        long id;
        await using (var insert = Command(connection, transaction, """
            INSERT INTO runs (plan, started_at, ended_at, duration_seconds, passed, stop_reason, host, tool_version,
                              git_commit, source, tags, plan_text, requests, request_rate, p95_ms, error_rate, result)
            VALUES (@plan, @started, @ended, @duration, @passed, @stop, @host, @tool, @git, @source, @tags, @planText,
                    @requests, @requestRate, @p95, @errorRate, @result)
            RETURNING id
            """))
        {
            Add(insert, "plan", meta.Plan);
            Add(insert, "started", meta.StartedAt.ToUniversalTime());
            Add(insert, "ended", meta.EndedAt.ToUniversalTime());
            Add(insert, "duration", meta.DurationSeconds);
            Add(insert, "passed", result.Passed && meta.StopReason is null);
            Add(insert, "stop", meta.StopReason);
            Add(insert, "host", meta.Host);
            Add(insert, "tool", meta.ToolVersion);
            Add(insert, "git", run.GitCommit);
            Add(insert, "source", meta.Source);
            Add(insert, "tags", JsonSerializer.Serialize(meta.Tags, HistoryJsonContext.Default.IReadOnlyDictionaryStringString));
            Add(insert, "planText", run.PlanText);
            Add(insert, "requests", result.Metric("http_reqs")?.Values.Count);
            Add(insert, "requestRate", result.Metric("http_reqs")?.Values.Rate);
            Add(insert, "p95", result.Metric("http_req_duration")?.Values.P95);
            Add(insert, "errorRate", result.Metric("http_req_failed")?.Values.Rate);
            Add(insert, "result", RunResultJson.Serialize(result));
            id = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }

        // One row per metric and figure makes trends across runs a query instead of a JSON parse per run, and lets
        // dashboards read the store directly.
        foreach (var metric in result.Metrics)
        {
            foreach (var aggregation in Aggregation.Names)
            {
                if (Aggregation.Value(metric.Values, aggregation) is not { } value || !double.IsFinite(value))
                {
                    continue;
                }

                await using var row = Command(connection, transaction, "INSERT INTO run_metrics (run_id, metric, aggregation, value) VALUES (@run, @metric, @aggregation, @value)");
                Add(row, "run", id);
                Add(row, "metric", metric.Name);
                Add(row, "aggregation", aggregation);
                Add(row, "value", value);
                await row.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        if (result.Tenants is { } tenants)
        {
            var position = 0;
            foreach (var tenant in tenants.Tenants.Select(StoredTenant.From))
            {
                await using var row = Command(connection, transaction, """
                    INSERT INTO run_tenants (run_id, position, tenant, organization, users, requests, errors, error_rate, p95_ms, cost_usd)
                    VALUES (@run, @position, @tenant, @organization, @users, @requests, @errors, @errorRate, @p95, @cost)
                    """);
                Add(row, "run", id);
                Add(row, "position", position++);
                Add(row, "tenant", tenant.Tenant);
                Add(row, "organization", tenant.Organization);
                Add(row, "users", tenant.Users);
                Add(row, "requests", tenant.Requests);
                Add(row, "errors", tenant.Errors);
                Add(row, "errorRate", tenant.ErrorRate);
                Add(row, "p95", tenant.P95Ms);
                Add(row, "cost", tenant.CostUsd);
                await row.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    public async Task<StoredRun?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenMigratedAsync(cancellationToken).ConfigureAwait(false);
        StoredRun run;
        await using (var select = Command(connection, null, $"SELECT {SummaryColumns}, result, plan_text FROM runs WHERE id = @id"))
        {
            Add(select, "id", id);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var summary = ReadSummary(reader);
            var result = RunResultJson.Deserialize(reader.GetString(SummaryColumnCount));
            var planText = reader.IsDBNull(SummaryColumnCount + 1) ? null : reader.GetString(SummaryColumnCount + 1);
            run = new StoredRun(summary, result, planText);
        }

        // A second query rather than a join: PostgreSQL allows one open reader per connection, and most runs have no tenants.
        return run with { Tenants = await TenantsAsync(connection, id, cancellationToken).ConfigureAwait(false) };
    }

    private static async Task<List<StoredTenant>> TenantsAsync(DbConnection connection, long runId, CancellationToken cancellationToken)
    {
        await using var select = Command(connection, null, """
            SELECT tenant, organization, users, requests, errors, error_rate, p95_ms, cost_usd
            FROM run_tenants WHERE run_id = @run ORDER BY position
            """);
        Add(select, "run", runId);
        var tenants = new List<StoredTenant>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tenants.Add(new StoredTenant
            {
                Tenant = reader.GetString(0),
                Organization = reader.GetString(1),
                Users = Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture),
                Requests = reader.GetDouble(3),
                Errors = Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture),
                ErrorRate = reader.GetDouble(5),
                P95Ms = NullableDouble(reader, 6),
                CostUsd = reader.GetDouble(7),
            });
        }

        return tenants;
    }

    public async Task<IReadOnlyList<RunSummary>> ListAsync(RunQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var select = Command(connection, null, $"SELECT {SummaryColumns} FROM runs WHERE {Where(query)} ORDER BY started_at DESC, id DESC LIMIT @last");
        AddQuery(select, query);
        var runs = new List<RunSummary>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            runs.Add(ReadSummary(reader));
        }

        // The tag filter runs here rather than in SQL: tags are a small JSON object and the two databases' JSON
        // functions differ; LIMIT is therefore applied after it.
        return [.. runs.Where(r => MatchesTag(r, query)).Take(query.Last)];
    }

    public async Task<IReadOnlyList<TrendPoint>> TrendAsync(string metric, string aggregation, RunQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var select = Command(connection, null, $"""
            SELECT r.id, r.started_at, r.git_commit, m.value, r.tags
            FROM runs r JOIN run_metrics m ON m.run_id = r.id AND m.metric = @metric AND m.aggregation = @aggregation
            WHERE {Where(query, "r.")} ORDER BY r.started_at DESC, r.id DESC LIMIT @last
            """);
        AddQuery(select, query);
        Add(select, "metric", metric);
        Add(select, "aggregation", aggregation);
        var points = new List<(TrendPoint Point, IReadOnlyDictionary<string, string> Tags)>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            points.Add((new TrendPoint(reader.GetInt64(0), ReadTime(reader, 1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetDouble(3)), ReadTags(reader.GetString(4))));
        }

        return [.. points.Where(p => MatchesTag(p.Tags, query)).Take(query.Last).Select(p => p.Point).Reverse()];
    }

    public virtual ValueTask DisposeAsync()
    {
        _migrateLock.Dispose();
        return ValueTask.CompletedTask;
    }

    private const string SummaryColumns =
        "id, plan, started_at, duration_seconds, passed, stop_reason, host, tool_version, git_commit, tags, requests, request_rate, p95_ms, error_rate";

    private const int SummaryColumnCount = 14;

    private static string Where(RunQuery query, string prefix = "") =>
        string.Join(" AND ", new[]
        {
            "1 = 1",
            query.Plan is null ? null : $"{prefix}plan = @plan",
            query.PassedOnly ? $"{prefix}passed = @passed" : null,
            query.BeforeId is null ? null : $"{prefix}id < @before",
        }.Where(c => c is not null));

    private static void AddQuery(DbCommand command, RunQuery query)
    {
        // Without a tag filter the limit can go to the database; with one, read more and filter (see ListAsync).
        Add(command, "last", query.TagKey is null ? query.Last : Math.Max(query.Last, 10_000));
        if (query.Plan is not null)
        {
            Add(command, "plan", query.Plan);
        }

        if (query.PassedOnly)
        {
            Add(command, "passed", true);
        }

        if (query.BeforeId is { } before)
        {
            Add(command, "before", before);
        }
    }

    private static bool MatchesTag(RunSummary run, RunQuery query) => MatchesTag(run.Tags, query);

    private static bool MatchesTag(IReadOnlyDictionary<string, string> tags, RunQuery query) =>
        query.TagKey is null
        || (tags.TryGetValue(query.TagKey, out var value) && (query.TagValue is null || value == query.TagValue));

    private static RunSummary ReadSummary(DbDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        Plan = reader.GetString(1),
        StartedAt = ReadTime(reader, 2),
        DurationSeconds = reader.GetDouble(3),
        Passed = reader.GetBoolean(4),
        StopReason = NullableString(reader, 5),
        Host = reader.GetString(6),
        ToolVersion = reader.GetString(7),
        GitCommit = NullableString(reader, 8),
        Tags = ReadTags(reader.GetString(9)),
        Requests = NullableDouble(reader, 10),
        RequestRate = NullableDouble(reader, 11),
        P95 = NullableDouble(reader, 12),
        ErrorRate = NullableDouble(reader, 13),
    };

    private static DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        reader.GetFieldValue<DateTimeOffset>(ordinal).ToUniversalTime();

    private static Dictionary<string, string> ReadTags(string json) =>
        JsonSerializer.Deserialize(json, HistoryJsonContext.Default.DictionaryStringString) ?? [];

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static double? NullableDouble(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    private async Task<DbConnection> OpenMigratedAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (!_migrated)
        {
            await _migrateLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!_migrated)
                {
                    await MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
                    _migrated = true;
                }
            }
            finally
            {
                _migrateLock.Release();
            }
        }

        return connection;
    }

    private async Task MigrateAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (MigrationLockStatement is { } lockStatement)
        {
            await using var take = Command(connection, transaction, lockStatement);
            await take.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var create = Command(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        int current;
        await using (var read = Command(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_version"))
        {
            current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }

        if (current > SchemaVersion)
        {
            throw new HistoryStoreException($"the history store's schema is version {current}, newer than this Stampede understands ({SchemaVersion}); upgrade Stampede");
        }

        foreach (var migration in Migrations.Where(m => m.Version > current).OrderBy(m => m.Version))
        {
            foreach (var statement in migration.Statements)
            {
                await using var step = Command(connection, transaction, statement);
                await step.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var record = Command(connection, transaction, "INSERT INTO schema_version (version, description, applied_at) VALUES (@version, @description, @at)");
            Add(record, "version", migration.Version);
            Add(record, "description", migration.Description);
#pragma warning disable RS0030 // when a migration ran is a fact about the store, on the machine's clock; no run's clock applies
            Add(record, "at", TimeProvider.System.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
#pragma warning restore RS0030
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
