using Shouldly;
using Xunit;

namespace Stampede.EndToEnd.Tests.Docs;

public sealed class ShellWordsTests
{
    [Fact]
    public void FirstCommand_QuotedWords_KeepTheirSpacesWithoutTheQuotes()
    {
        ShellWords.FirstCommand("""stampede run --threshold 'http_req_duration:p(95)<500' --tag "team=load test" a\ b""")
            .ShouldBe(["stampede", "run", "--threshold", "http_req_duration:p(95)<500", "--tag", "team=load test", "a b"]);
    }

    [Theory]
    [InlineData("stampede target --port 5000 &            # the demo target")]
    [InlineData("stampede target --port 5000 && echo done")]
    [InlineData("stampede target --port 5000 | tee log")]
    [InlineData("stampede target --port 5000 > out.txt")]
    [InlineData("stampede target --port 5000 2>err.txt")]
    [InlineData("stampede target --port 5000; echo $?")]
    [InlineData("STAMPEDE_STORE=sqlite:h.db  NO_COLOR=1 stampede target --port 5000")]
    public void FirstCommand_AssignmentsOperatorsAndComments_AreLeftOut(string line)
    {
        ShellWords.FirstCommand(line).ShouldBe(["stampede", "target", "--port", "5000"]);
    }

    [Fact]
    public void FirstCommand_HashInsideAWord_IsNotAComment()
    {
        ShellWords.FirstCommand("stampede run plan.yaml --tag issue=#12").ShouldBe(["stampede", "run", "plan.yaml", "--tag", "issue=#12"]);
    }
}
