using Stampede.Yaml.Flows;

namespace Stampede.Yaml.Tests.Streaming;

public sealed class StreamValueTests
{
    private static StreamOutcome Outcome(params string[] items)
    {
        var outcome = new StreamOutcome();
        outcome.Items.AddRange(items);
        outcome.Values["events"] = items.Length;
        outcome.Values["error"] = null;
        return outcome;
    }

    [Fact]
    public void Read_JsonPath_ReadsTheLastItem()
    {
        var value = StreamValue.Parse("json.a[1]", StreamValues.Sse, forCheck: false, out _)!;

        value.Read(Outcome("""{"a":[0,1]}""", """{"a":[2,3]}"""), out var found)!.ToString().ShouldBe("3");
        found.ShouldBeTrue();
    }

    [Fact]
    public void Read_NegativeIndex_CountsFromTheEndAsInResponseChecks()
    {
        // Stream values once used a second JSON path that refused [-1] while HTTP checks accepted it.
        var value = StreamValue.Parse("json.a[-1]", StreamValues.Sse, forCheck: false, out var error);

        error.ShouldBeNull();
        value!.Read(Outcome("""{"a":[2,3,4]}"""), out var found)!.ToString().ShouldBe("4");
        found.ShouldBeTrue();
    }

    [Fact]
    public void Parse_MalformedJsonPath_SaysWhere()
    {
        StreamValue.Parse("json.a[x]", StreamValues.Sse, forCheck: false, out var error).ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain("JSON path 'json.a[x]': expected a whole-number index such as [0] or [-1] at position 7");
    }

    [Fact]
    public void Read_NullFigure_IsNotFound()
    {
        var value = StreamValue.Parse("error", StreamValues.Sse, forCheck: false, out _)!;

        value.Read(Outcome(), out var found).ShouldBeNull();
        found.ShouldBeFalse();
    }

    [Fact]
    public void TestAny_SomeItemMatches_IsTrue()
    {
        var value = StreamValue.Parse("event", StreamValues.Sse, forCheck: true, out _)!;
        var matcher = ValueMatcher.Parse("contains b", false, false, out _)!;

        value.TestAny(Outcome("a", "xbx"), matcher).ShouldBeTrue();
        value.TestAny(Outcome("a", "c"), matcher).ShouldBeFalse();
    }

    [Fact]
    public void Parse_AnySelectorInACapture_IsRejected()
    {
        StreamValue.Parse("event", StreamValues.Sse, forCheck: false, out var error).ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain("unknown sse value");
    }

    [Fact]
    public void Parse_DurationFigure_ComparesWithUnits() =>
        StreamValue.Parse("ttft", StreamValues.Llm, forCheck: true, out _)!.IsDuration.ShouldBeTrue();
}
