using System.Text.Json;
using System.Text.Json.Nodes;
using Shouldly;
using Stampede.Data.DataSets;
using Stampede.Data.Templates;
using Stampede.Plans;
using Xunit;

namespace Stampede.Tests.Data.Templates;

public sealed class TemplatedJsonTests
{
    private static TemplateScope Scope()
    {
        var vars = new Dictionary<string, object?>
        {
            ["missionId"] = "m-7",
            ["count"] = 12L,
            ["item"] = JsonDocument.Parse("""{"id":1,"tags":["a"]}""").RootElement,
            ["missing"] = null,
        };
        var users = DataSet.FromRows("users", [new Dictionary<string, string> { ["age"] = "42" }]);
        var scope = new TemplateScope(new TemplateContext(3, data: [new DataSource(users)]), 2, n => vars.GetValueOrDefault(n));
        scope.BeginIteration(0, 0);
        return scope;
    }

    private static TemplatedJson Parse(string json)
    {
        var errors = new List<PlanError>();
        var body = TemplatedJson.Parse(json, errors, "steps[0].json");
        errors.ShouldBeEmpty();
        return body;
    }

    [Fact]
    public void Render_WholeLeafExpressions_KeepTheirType()
    {
        var body = Parse("""
            {
              "n": "{{ random.int(5, 5) }}",
              "vu": "{{vu.id}}",
              "flag": "{{ true }}",
              "count": "{{ count }}",
              "item": "{{ item }}",
              "none": "{{ missing }}",
              "id": "{{ missionId }}",
              "age": "{{ data.users.age }}",
              "mixed": "vu-{{ vu.id }}",
              "list": ["{{ vu.id }}", "x", 3, null, false],
              "literal": 1.5
            }
            """);

        body.IsConstant.ShouldBeFalse();
        body.Render(Scope()).ShouldBe(
            """{"n":5,"vu":2,"flag":true,"count":12,"item":{"id":1,"tags":["a"]},"none":null,"id":"m-7","age":"42","mixed":"vu-2","list":[2,"x",3,null,false],"literal":1.5}""");
    }

    [Fact]
    public void Render_NoPlaceholders_IsConstantCompactJson()
    {
        var body = Parse("""{ "a": [1, 2], "b": "text {with braces}" }""");

        body.IsConstant.ShouldBeTrue();
        body.Render(Scope()).ShouldBe("""{"a":[1,2],"b":"text {with braces}"}""");
    }

    [Fact]
    public void Render_StringsNeedingEscapes_AreEscaped()
    {
        var body = Parse("""{ "q": "say \"{{ missionId }}\"" }""");

        JsonNode.Parse(body.Render(Scope()))!["q"]!.GetValue<string>().ShouldBe("say \"m-7\"");
    }

    [Fact]
    public void Parse_BadTemplateInside_ReportsItsJsonPath()
    {
        var errors = new List<PlanError>();

        TemplatedJson.Parse("""{ "messages": [ { "content": "{{ random.itn(1, 2) }}" } ] }""", errors, "steps[0].json");

        errors.ShouldHaveSingleItem().Path.ShouldBe("steps[0].json.messages[0].content");
        errors[0].Message.ShouldContain("did you mean 'random.int'?");
    }

    [Fact]
    public void Parse_InvalidJson_ReportsLine()
    {
        var errors = new List<PlanError>();

        TemplatedJson.Parse("{\n \"a\": ,\n}", errors, "body");

        errors.ShouldHaveSingleItem().Message.ShouldContain("invalid JSON at line 2");
    }

    [Fact]
    public void ReferencedNames_CollectsFromEveryLeaf()
    {
        Parse("""{ "a": "{{ missionId }}", "b": ["{{ env.X }}", "{{ missionId }}"] }""").ReferencedNames.ShouldBe(["missionId", "env"]);
    }
}
