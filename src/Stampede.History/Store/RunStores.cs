using Npgsql;

namespace Stampede.History.Store;

/// <summary>Opens a run store from its address.</summary>
public static class RunStores
{
    /// <summary>The default store's file, relative to the working directory.</summary>
    public const string DefaultPath = ".stampede/history.db";

    /// <summary>
    /// Opens the store at <paramref name="address"/>: null or empty for the default SQLite file
    /// (<see cref="DefaultPath"/>); <c>postgres://user:pass@host:port/db</c> (or <c>postgresql://</c>, or an Npgsql
    /// connection string starting <c>Host=</c>) for PostgreSQL; <c>sqlite:PATH</c> or any other text for a SQLite file.
    /// Nothing is opened until the first call; throws <see cref="HistoryStoreException"/> for a malformed address.
    /// </summary>
    public static IRunStore Open(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return new SqliteRunStore(DefaultPath);
        }

        if (IsPostgresUrl(address))
        {
            return new PostgresRunStore(FromUrl(address));
        }

        if (address.StartsWith("host=", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return new PostgresRunStore(new NpgsqlConnectionStringBuilder(address).ToString());
            }
            catch (ArgumentException exception)
            {
                throw new HistoryStoreException($"invalid PostgreSQL connection string: {exception.Message}", exception);
            }
        }

        return new SqliteRunStore(address.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase) ? address["sqlite:".Length..] : address);
    }

    /// <summary>
    /// Why <paramref name="address"/> cannot name a store, or null when it can; nothing is opened. A run asks before it
    /// starts, so a mistyped address is refused up front instead of costing the result it could not store.
    /// </summary>
    public static string? ProblemWith(string? address)
    {
        try
        {
            if (address is not null && IsPostgresUrl(address))
            {
                _ = FromUrl(address);
            }
            else if (address is not null && address.StartsWith("host=", StringComparison.OrdinalIgnoreCase))
            {
                _ = new NpgsqlConnectionStringBuilder(address).ToString();
            }

            return null;
        }
        catch (HistoryStoreException exception)
        {
            return exception.Message;
        }
        catch (ArgumentException exception)
        {
            return $"invalid PostgreSQL connection string: {exception.Message}";
        }
    }

    private static bool IsPostgresUrl(string address) =>
        address.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || address.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Converts <c>postgres://user:pass@host:port/db?sslmode=require</c> to an Npgsql connection string.</summary>
    internal static string FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new HistoryStoreException($"invalid store address '{Redact(url)}': expected postgres://user:password@host:port/database");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } database ? database : "postgres",
        };
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                try
                {
                    builder[Uri.UnescapeDataString(pair[..equals])] = Uri.UnescapeDataString(pair[(equals + 1)..]);
                }
                catch (ArgumentException exception)
                {
                    throw new HistoryStoreException($"invalid store address option '{pair[..equals]}': {exception.Message}", exception);
                }
            }
        }

        return builder.ToString();
    }

    private static string Redact(string url)
    {
        var at = url.LastIndexOf('@');
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        return at > 0 && scheme > 0 ? url[..(scheme + 3)] + "…" + url[at..] : url;
    }
}
