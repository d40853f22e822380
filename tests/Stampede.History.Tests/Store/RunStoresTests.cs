using Stampede.History.Store;

namespace Stampede.History.Tests.Store;

public sealed class RunStoresTests
{
    [Fact]
    public void FromUrl_FullUrl_MapsEveryPart()
    {
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(RunStores.FromUrl("postgres://ci:p%40ss@db.internal:6543/perf?sslmode=require"));

        connection.Host.ShouldBe("db.internal");
        connection.Port.ShouldBe(6543);
        connection.Database.ShouldBe("perf");
        connection.Username.ShouldBe("ci");
        connection.Password.ShouldBe("p@ss");
        connection.SslMode.ShouldBe(Npgsql.SslMode.Require);
    }

    [Fact]
    public void FromUrl_NoHost_ThrowsWithoutThePassword()
    {
        var exception = Should.Throw<HistoryStoreException>(() => RunStores.FromUrl("postgres://user:hunter2@"));

        exception.Message.ShouldNotContain("hunter2");
    }
}
