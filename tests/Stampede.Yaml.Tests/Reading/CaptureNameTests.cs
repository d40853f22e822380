namespace Stampede.Yaml.Tests.Reading;

/// <summary>Every step that captures follows one rule for the name it captures into.</summary>
public sealed class CaptureNameTests
{
    private static PlanLoadResult Load(string step) => YamlPlanLoader.LoadText(
        "name: t\nbaseUrl: http://127.0.0.1:1\nscenarios:\n  a:\n    flow:\n      - " + step + "\n", "t.yaml", ".");

    public static TheoryData<string> Steps() =>
    [
        "{{ get: /a, capture: {{ {0}: json.id }} }}",
        "{{ sse: /s, capture: {{ {0}: data }} }}",
        "{{ ws: /w, capture: {{ {0}: text }} }}",
        "{{ ws: /w, actions: [ {{ receive: {{ count: 1, capture: {{ {0}: text }} }} }} ] }}",
        "{{ llm: /c, prompt: hi, capture: {{ {0}: text }} }}",
    ];

    [Theory]
    [MemberData(nameof(Steps))]
    public void Read_NameWithASpace_ReportsABadCaptureNameAtTheKey(string step)
    {
        var result = Load(string.Format(step, "\"a b\""));

        var error = result.Errors.ShouldHaveSingleItem();
        error.Message.ShouldStartWith("bad capture name 'a b': expected letters, digits, '_' or '-'");
        error.Location!.Line.ShouldBe(6);
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void Read_ReservedTemplateName_SaysItIsReserved(string step)
    {
        var result = Load(string.Format(step, "env"));

        result.Errors.ShouldHaveSingleItem().Message.ShouldBe("'env' is a reserved template name; pick another capture name");
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void Read_AppendingName_Loads(string step)
    {
        var result = Load(string.Format(step, "\"ids[]\""));

        result.Errors.ShouldBeEmpty();
    }

    [Fact]
    public void Read_StreamCaptureWithEmptyMapping_ReportsIt()
    {
        // A reading difference between the request and the stream readers: an empty mapping was dropped without a word here.
        var result = Load("{ sse: /s, json: { a: 1 }, capture: { id: {} } }");

        var error = result.Errors.ShouldHaveSingleItem();
        error.Path.ShouldBe("scenarios.a.flow[0].capture.id");
        error.Message.ShouldContain("expected json: PATH");
    }
}
