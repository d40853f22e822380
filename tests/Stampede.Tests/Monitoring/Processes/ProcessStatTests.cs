using Shouldly;
using Stampede.Monitoring.Processes;
using Xunit;

namespace Stampede.Tests.Monitoring.Processes;

public sealed class ProcessStatTests
{
    [Fact]
    public void TryParse_NameWithSpacesAndParentheses_ReadsFieldsAfterTheLastParenthesis()
    {
        const string line = "4242 (my (odd) server) S 17 4242 4242 0 -1 4194560 2000 0 0 0 150 25 0 0 20 0 12 0 123456 987654321 3210 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0";

        ProcessStat.TryParse(line, out var stat).ShouldBeTrue();

        stat.ShouldBe(new ProcessStat(Pid: 4242, ParentPid: 17, CpuTicks: 175, Threads: 12, RssPages: 3210));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("12 (short) S 1 2 3")]
    public void TryParse_Malformed_ReturnsFalse(string line) => ProcessStat.TryParse(line, out _).ShouldBeFalse();
}
