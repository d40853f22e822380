using System.Text.Json.Nodes;
using Stampede.Cli;
using Stampede.Yaml.Reading;
using Stampede.Yaml.Schema;
using Stampede.Yaml.Tests.Hosting;

namespace Stampede.Yaml.Tests.Schema;

public sealed class PlanSchemaTests
{
    private static readonly JsonNode Schema = JsonNode.Parse(PlanSchema.Json)!;

    /// <summary>Malformed plans whose problem is structural (a key, a type, a choice), so the schema alone must reject them.</summary>
    public static TheoryData<string> Structural() => new(
        "unknown-root-key.yaml", "unknown-step-key.yaml", "unknown-scenario-key.yaml", "missing-name.yaml", "missing-scenarios.yaml",
        "wrong-type-flow.yaml", "wrong-type-scenarios.yaml", "wrong-type-vus.yaml", "step-two-kinds.yaml", "step-no-kind.yaml",
        "unknown-executor.yaml", "unknown-profile.yaml", "negative-duration.yaml", "bad-duration-unit.yaml", "think-uniform-one.yaml",
        "think-unknown-distribution.yaml", "bad-pick.yaml", "bad-bool.yaml", "llm-step-unknown-key.yaml", "llm-unknown-format.yaml",
        "ws-action-misspelt.yaml", "llm-wrong-type-turns.yaml", "empty-flow.yaml", "empty-group.yaml", "metrics-unknown-type.yaml",
        "ws-listen-no-duration.yaml", "ws-every-without-send.yaml", "multipart-file-without-path.yaml", "monitor-json-no-select.yaml");

    public static TheoryData<string> Examples() => ExamplesTests.Examples();

    [Fact]
    public void Json_IsDraft202012WithRootKeys()
    {
        Schema["$schema"]!.GetValue<string>().ShouldBe("https://json-schema.org/draft/2020-12/schema");
        Schema["properties"]!.AsObject().Select(p => p.Key).Order().ShouldBe(PlanKeys.Root.Order());
    }

    [Fact]
    public void Json_ListsEveryKeyTheLoaderKnows()
    {
        var defs = Schema["$defs"]!;
        defs["scenario"]!["properties"]!.AsObject().Select(p => p.Key).Order().ShouldBe(PlanKeys.Scenario.Order());
        defs["step"]!["properties"]!.AsObject().Select(p => p.Key).Order().ShouldBe(PlanKeys.Step.Order());
        defs["profileName"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(Plans.Profiles.LoadProfiles.Names);
        defs["scenario"]!["properties"]!["executor"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(PlanKeys.Executors);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Check_Example_IsAccepted(string name)
    {
        var json = YamlJson.Convert(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", name)));

        new SchemaChecker(Schema).Check(json).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Structural))]
    public void Check_StructurallyMalformedPlan_IsRejected(string name)
    {
        var json = YamlJson.Convert(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Malformed", name)));

        new SchemaChecker(Schema).Check(json).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task SchemaCommand_PrintsTheSchema()
    {
        var host = new TestConsoleHost();

        var exit = await StampedeCli.RunAsync(["schema"], host);

        exit.ShouldBe(ExitCodes.Ok);
        JsonNode.Parse(host.Output)!["title"]!.GetValue<string>().ShouldBe("Stampede test plan");
    }
}
