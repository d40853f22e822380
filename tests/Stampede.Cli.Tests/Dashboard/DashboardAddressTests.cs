using Stampede.Cli.Dashboard;

namespace Stampede.Cli.Tests.Dashboard;

public sealed class DashboardAddressTests
{
    [Theory]
    [InlineData("", "127.0.0.1", 5665)]
    [InlineData("6000", "127.0.0.1", 6000)]
    [InlineData("0.0.0.0:7000", "0.0.0.0", 7000)]
    [InlineData("10.1.2.3", "10.1.2.3", 5665)]
    [InlineData("[::1]:7001", "::1", 7001)]
    public void Parse_HostAndPort_GivesTheAddress(string text, string address, int port)
    {
        var parsed = DashboardAddress.Parse(text, out var error).ShouldNotBeNull();
        error.ShouldBeNull();
        parsed.Address.ToString().ShouldBe(address);
        parsed.Port.ShouldBe(port);
    }

    [Theory]
    [InlineData("dashboard.local:5665", "HOST an IP address")]
    [InlineData("127.0.0.1:99999", "the port must be a number")]
    [InlineData("127.0.0.1:http", "the port must be a number")]
    public void Parse_BadText_SaysWhatIsExpected(string text, string expected)
    {
        DashboardAddress.Parse(text, out var error).ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain(expected);
    }
}
