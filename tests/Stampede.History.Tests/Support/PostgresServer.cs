using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Stampede.History.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL server from the system's packages (initdb + pg_ctl in a temporary folder, on a free
/// loopback port), started once per test class. Fails with a clear message when PostgreSQL is not installed:
/// test.sh installs it; a silently skipped store test would hide a broken team store.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string _folder = "";
    private string _binaries = "";
    private bool _asPostgresUser;

    public string ConnectionString { get; private set; } = "";

    public string Url { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        _binaries = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed: no /usr/lib/postgresql/*/bin/initdb. Install Debian's 'postgresql' package (./test.sh does this when run as root).");
        _asPostgresUser = Environment.UserName == "root";
        _folder = Directory.CreateTempSubdirectory("stampede-pg-").FullName;
        if (_asPostgresUser)
        {
            // PostgreSQL refuses to run as root.
            await RunAsync("chown", ["-R", "postgres:postgres", _folder], asPostgres: false);
        }

        var data = Path.Combine(_folder, "data");
        await RunAsync(Path.Combine(_binaries, "initdb"), ["-D", data, "-U", "stampede", "--auth=trust", "--no-sync", "-E", "UTF8"], _asPostgresUser);
        var port = FreePort();
        await RunAsync(Path.Combine(_binaries, "pg_ctl"), ["-D", data, "-l", Path.Combine(_folder, "log"), "-w", "-t", "30", "-o", $"-p {port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start"], _asPostgresUser);
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=stampede;Database=postgres;Pooling=false";
        Url = $"postgres://stampede@127.0.0.1:{port}/postgres";
    }

    /// <summary>Creates an empty database and returns its connection string, so each test starts from nothing.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE {name}";
        await command.ExecuteNonQueryAsync();
        return ConnectionString.Replace("Database=postgres", $"Database={name}", StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (_folder.Length == 0)
        {
            return;
        }

        try
        {
            await RunAsync(Path.Combine(_binaries, "pg_ctl"), ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"], _asPostgresUser);
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static string? FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderDescending(StringComparer.Ordinal)
                .FirstOrDefault()
            : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, string[] arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        if (asPostgres)
        {
            foreach (var part in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(part);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
