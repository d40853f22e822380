using Shouldly;
using Stampede.DemoTarget.Streaming;

namespace Stampede.DemoTarget.Tests.Streaming;

public class AnswerComposerTests
{
    private readonly AnswerComposer _composer = new(new DemoTargetOptions { AnswerTokensMean = 30, AnswerTokensStdDev = 0 });

    [Fact]
    public void Compose_SameQuestion_SameTokens()
    {
        _composer.Compose("why?", null).ShouldBe(_composer.Compose("why?", null));
    }

    [Fact]
    public void Compose_FixedLength_HasThatManyTokens()
    {
        _composer.Compose("how long?", null).Length.ShouldBe(30);
    }

    [Fact]
    public void Compose_FollowUp_QuotesThePreviousQuestion()
    {
        var text = string.Concat(_composer.Compose("and then?", "what is a load test"));

        text.ShouldStartWith("Earlier you asked \"what is a load test\".");
    }

    [Fact]
    public void Compose_MaxTokens_Respected()
    {
        _composer.Compose("short please", null, maxTokens: 3).Length.ShouldBe(3);
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("abcd", 1)]
    [InlineData("abcde", 2)]
    [InlineData("0123456789abcdef", 4)]
    public void CountTokens_Text_AboutFourCharactersEach(string text, int expected)
    {
        AnswerComposer.CountTokens(text).ShouldBe(expected);
    }
}
