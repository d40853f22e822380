using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Stampede.Data.DataSets;
using Stampede.Data.Templates;
using Stampede.Plans;
using Xunit;

namespace Stampede.Tests.Data.Templates;

public sealed class TemplateTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 14, 15, 9, 26, 535, TimeSpan.Zero);

    private static Template Parse(string text)
    {
        var errors = new List<PlanError>();
        var template = Template.Parse(text, errors, "body");
        errors.ShouldBeEmpty();
        return template;
    }

    private static List<PlanError> Errors(string text)
    {
        var errors = new List<PlanError>();
        Template.Parse(text, errors, "steps[0].body", new SourceLocation("plan.yaml", 12, 7));
        return errors;
    }

    private static TemplateScope Scope(Dictionary<string, object?>? vars = null, int seed = 7, int vuId = 3)
    {
        var users = DataSet.FromRows("users", [
            new Dictionary<string, string> { ["prompt"] = "hello", ["email"] = "a@example.com" },
            new Dictionary<string, string> { ["prompt"] = "bye", ["email"] = "b@example.com" },
        ]);
        var context = new TemplateContext(seed, new FakeTimeProvider(Start), [new DataSource(users)]);
        vars ??= new Dictionary<string, object?>();
        var scope = new TemplateScope(context, vuId, name => vars.TryGetValue(name, out var v) ? v : null)
        {
            ScenarioName = "chat",
            Env = new Dictionary<string, string> { ["API_KEY"] = "secret" },
            SetupData = JsonDocument.Parse("""{"orgSlug":"acme","keys":["k0","k1","k2","k3"],"org":{"id":42,"tags":["x","y"]}}""").RootElement,
        };
        scope.BeginIteration(5, 17).ShouldBeTrue();
        return scope;
    }

    [Fact]
    public void Parse_TextWithoutPlaceholders_IsConstantAndRendersAsIs()
    {
        var template = Parse("plain { text } with single braces");

        template.IsConstant.ShouldBeTrue();
        template.Render(Scope()).ShouldBe("plain { text } with single braces");
        template.ReferencedNames.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("{{missionId}}", "m-1")]
    [InlineData("id={{ missionId }}!", "id=m-1!")]
    [InlineData("{{ count }}", "3")]
    [InlineData("{{ ratio }}", "0.25")]
    [InlineData("{{ flag }}", "true")]
    [InlineData("[{{ nothing }}]", "[]")]
    [InlineData("[{{ unknownCapture }}]", "[]")]
    [InlineData("{{ user.name }}", "Ann")]
    [InlineData("{{ user.roles[1] }}", "admin")]
    [InlineData("{{ user[\"name\"] }}", "Ann")]
    [InlineData("{{ user.roles[9] }}", "")]
    [InlineData("{{ json }}", "{\"a\":[1,2]}")]
    [InlineData("{{ json.a[1] }}", "2")]
    [InlineData("{{ data.users.prompt }}", "hello")]
    [InlineData("{{ data.users.email }}", "a@example.com")]
    [InlineData("{{ data.users[\"email\"] }}", "a@example.com")]
    [InlineData("{{ setup.orgSlug }}", "acme")]
    [InlineData("{{ setup.keys[3] }}", "k3")]
    [InlineData("{{ setup.org.id }}", "42")]
    [InlineData("{{ setup.org.tags }}", "[\"x\",\"y\"]")]
    [InlineData("{{ env.API_KEY }}", "secret")]
    [InlineData("{{ env.MISSING }}", "")]
    [InlineData("{{ vu.id }}", "3")]
    [InlineData("{{ vu.idInScenario }}", "3")]
    [InlineData("{{ vu.iteration }}", "5")]
    [InlineData("{{ scenario.name }}", "chat")]
    [InlineData("{{ scenario.iteration }}", "17")]
    [InlineData("{{ now.unixMs }}", "1741964966535")]
    [InlineData("{{ now.unix }}", "1741964966")]
    [InlineData("{{ now.iso }}", "2025-03-14T15:09:26.535Z")]
    [InlineData("{{ 'literal {{ braces }}' }}", "literal {{ braces }}")]
    [InlineData("{{ random.pick(\"only\") }}", "only")]
    [InlineData("{{ random.int(4, 4) }}", "4")]
    [InlineData("a{{vu.id}}b{{ vu.iteration }}c", "a3b5c")]
    public void Render_Expression_GivesValue(string text, string expected)
    {
        var vars = new Dictionary<string, object?>
        {
            ["missionId"] = "m-1",
            ["count"] = 3,
            ["ratio"] = 0.25,
            ["flag"] = true,
            ["nothing"] = null,
            ["user"] = new Dictionary<string, object?> { ["name"] = "Ann", ["roles"] = new List<string> { "user", "admin" } },
            ["json"] = JsonDocument.Parse("""{ "a" : [ 1, 2 ] }""").RootElement,
        };

        Parse(text).Render(Scope(vars)).ShouldBe(expected);
    }

    [Fact]
    public void Render_JsonNodeVariable_RendersItsCompactJson()
    {
        var vars = new Dictionary<string, object?> { ["node"] = JsonNode.Parse("""{ "a" : [ 1, "x" ], "b" : null }""") };

        Parse("{{ node }}").Render(Scope(vars)).ShouldBe("""{"a":[1,"x"],"b":null}""");
    }

    [Fact]
    public void Render_PlainObjectInSetup_ReadsPropertiesIgnoringCase()
    {
        var scope = Scope();
        scope.SetupData = new { OrgSlug = "globex", Keys = new[] { "a", "b" } };

        Parse("{{ setup.orgSlug }}/{{ setup.keys[1] }}").Render(scope).ShouldBe("globex/b");
    }

    [Fact]
    public void Render_DataRow_FollowsTheCursorEachIteration()
    {
        var template = Parse("{{ data.users.prompt }}");
        var scope = Scope(vuId: 1);

        var first = template.Render(scope);
        scope.BeginIteration(6, 18);
        var second = template.Render(scope);

        first.ShouldBe("hello");
        second.ShouldBe("bye");
    }

    [Fact]
    public void Render_RandomFunctions_StayInRangeAndHaveTheirShape()
    {
        var scope = Scope();
        var ints = Parse("{{ random.int(1, 10) }}");
        var floats = Parse("{{ random.float(0, 1) }}");
        var uuid = Parse("{{ random.uuid }}");
        var pick = Parse("{{ random.pick(\"a\", \"b\", 'c') }}");
        var text = Parse("{{ random.string(8) }}");
        var seenInts = new HashSet<string>();
        var seenPicks = new HashSet<string>();

        for (var i = 0; i < 500; i++)
        {
            var n = int.Parse(ints.Render(scope));
            n.ShouldBeInRange(1, 10);
            seenInts.Add(n.ToString());
            var f = double.Parse(floats.Render(scope), System.Globalization.CultureInfo.InvariantCulture);
            f.ShouldBeGreaterThanOrEqualTo(0);
            f.ShouldBeLessThan(1);
            seenPicks.Add(pick.Render(scope));
            text.Render(scope).ShouldMatch("^[A-Za-z0-9]{8}$");
        }

        seenInts.Count.ShouldBe(10);
        seenPicks.ShouldBe(["a", "b", "c"], ignoreOrder: true);
        Guid.TryParse(uuid.Render(scope), out var guid).ShouldBeTrue();
        guid.Version.ShouldBe(4);
    }

    [Theory]
    [InlineData("fake.name")]
    [InlineData("fake.firstName")]
    [InlineData("fake.lastName")]
    [InlineData("fake.email")]
    [InlineData("fake.sentence")]
    [InlineData("fake.paragraph")]
    [InlineData("fake.company")]
    [InlineData("fake.city")]
    [InlineData("fake.country")]
    [InlineData("fake.uuid")]
    [InlineData("question")]
    public void Render_GeneratedValue_IsNonEmptyAndRepeatsForTheSameSeed(string expression)
    {
        var template = Parse("{{ " + expression + " }}");
        var a = Scope(seed: 11);
        var b = Scope(seed: 11);
        var other = Scope(seed: 12);

        var fromA = Enumerable.Range(0, 5).Select(_ => template.Render(a)).ToList();
        var fromB = Enumerable.Range(0, 5).Select(_ => template.Render(b)).ToList();
        var fromOther = Enumerable.Range(0, 5).Select(_ => template.Render(other)).ToList();

        fromA.ShouldAllBe(s => s.Length > 0);
        fromB.ShouldBe(fromA);
        fromOther.ShouldNotBe(fromA);
    }

    [Fact]
    public void Render_FakeEmail_LooksLikeAnEmail()
    {
        Parse("{{ fake.email }}").Render(Scope()).ShouldMatch(@"^[^@\s]+@[^@\s]+\.[a-z]+$");
    }

    [Fact]
    public void Render_RandomForDifferentVus_Differs()
    {
        var template = Parse("{{ random.string(16) }}");

        template.Render(Scope(vuId: 1)).ShouldNotBe(template.Render(Scope(vuId: 2)));
    }

    [Theory]
    [InlineData("{{ setup.keys[vu.index] }}", 3, "k2")]
    [InlineData("{{ setup.keys[vu.index] }}", 6, "k1")]
    [InlineData("{{ setup.keys[n] }}", 1, "k1")]
    [InlineData("{{ setup.keys[minus] }}", 1, "k3")]
    [InlineData("{{ setup[key].id }}", 1, "42")]
    [InlineData("{{ setup.nothing[vu.index] }}", 1, "")]
    public void Render_ComputedIndex_WrapsAroundTheList(string text, int vuId, string expected)
    {
        var vars = new Dictionary<string, object?> { ["n"] = "5", ["minus"] = -1L, ["key"] = "org" };
        var scope = Scope(vars, vuId: vuId);
        scope.VuIdInScenario = vuId;

        Parse(text).Render(scope).ShouldBe(expected);
    }

    [Fact]
    public void Render_VariableThatIsItselfATemplate_RendersInsideTheOuterTemplate()
    {
        var inner = Parse("<{{ vu.id }}>");
        TemplateScope? scope = null;
        scope = new TemplateScope(new TemplateContext(), 3, name => name == "inner" ? inner.Render(scope!) : null);

        Parse("a {{ inner }} b {{ inner }} c").Render(scope).ShouldBe("a <3> b <3> c");
    }

    [Fact]
    public void ReferencedNames_IncludeNamesInComputedIndexes()
    {
        var template = Parse("{{ setup.keys[vu.index] }} {{ items[pos] }}");

        template.ReferencedNames.ShouldBe(["setup", "vu", "items", "pos"]);
    }

    [Fact]
    public void Parse_WithLocate_PlacesEachProblemAtItsPlaceholder()
    {
        var errors = new List<PlanError>();

        Template.Parse("ok {{ vu.id }} {{ fake.nmae }}", errors, "url", offset => new SourceLocation("plan.yaml", 3, 10 + offset));

        errors.ShouldHaveSingleItem().Location!.Column.ShouldBe(25);
    }

    [Fact]
    public void ReferencedNames_ListsRootsOnceInOrder()
    {
        var template = Parse("{{ data.users.prompt }} {{ missionId }} {{ env.X }} {{ missionId.id }} {{ random.int(1,2) }} {{ data.items.sku }}");

        template.ReferencedNames.ShouldBe(["data", "missionId", "env", "random"]);
        template.ReferencedDataSets.ShouldBe(["users", "items"]);
    }

    [Theory]
    [InlineData("Hello {{ name", "'{{' at position 7 is not closed: expected '}}'")]
    [InlineData("{{ a }} and {{ b and {{ c }}", "is not closed: expected '}}' before the next '{{' at position 22")]
    [InlineData("x{{ }}", "empty expression")]
    [InlineData("{{ random.itn(1, 10) }}", "unknown function 'random.itn': did you mean 'random.int'?")]
    [InlineData("{{ fake.nmae }}", "unknown function 'fake.nmae': did you mean 'fake.name'?")]
    [InlineData("{{ now.unixms }}", "did you mean 'now.unixMs'?")]
    [InlineData("{{ qestion() }}", "unknown function 'qestion': did you mean 'question'?")]
    [InlineData("{{ random.int(1) }}", "random.int takes two whole numbers: random.int(min, max)")]
    [InlineData("{{ random.int(1, 'x') }}", "random.int takes two whole numbers")]
    [InlineData("{{ random.int(10, 1) }}", "min must not be greater than max")]
    [InlineData("{{ random.float(a, 1) }}", "expected a value (a number, a quoted string, true or false) at position 15, found 'a'")]
    [InlineData("{{ random.int(1, 2 }}", "expected ')' at the end of the expression")]
    [InlineData("{{ random.pick() }}", "random.pick needs at least one value")]
    [InlineData("{{ random.string(-1) }}", "random.string takes one whole number")]
    [InlineData("{{ random.int }}", "random.int takes two whole numbers")]
    [InlineData("{{ vu.id(1) }}", "'vu.id' takes no arguments")]
    [InlineData("{{ data.users }}", "expected 'data.<set>.<column>'")]
    [InlineData("{{ env }}", "expected 'env.NAME'")]
    [InlineData("{{ setup.keys(1) }}", "'setup.keys' is not a function")]
    [InlineData("{{ 'open }}", "is not closed")]
    [InlineData("{{ a b }}", "unexpected 'b' at position 4: expected '}}'")]
    [InlineData("{{ a. }}", "expected a name at the end of the expression")]
    [InlineData("{{ a[1.5] }}", "expected an index (a whole number, a quoted key or a name such as vu.index) after '['")]
    public void Parse_MalformedTemplate_ReportsWhatWasExpected(string text, string message)
    {
        var errors = Errors(text);

        errors.ShouldHaveSingleItem().Message.ShouldContain(message);
        errors[0].Path.ShouldBe("steps[0].body");
        errors[0].Location.ShouldBe(new SourceLocation("plan.yaml", 12, 7));
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEveryOneAndRendersRawText()
    {
        var errors = new List<PlanError>();

        var template = Template.Parse("{{ }} {{ fake.nope }} {{ vu.id }} {{ random.int(2, 1) }}", errors, "body");

        errors.Count.ShouldBe(3);
        template.Render(Scope()).ShouldBe("{{ }} {{ fake.nope }} {{ vu.id }} {{ random.int(2, 1) }}");
    }

    [Fact]
    public void FindCycle_VariablesReferringToEachOther_ReturnsThePath()
    {
        var definitions = new Dictionary<string, Template>
        {
            ["a"] = Parse("x{{ b }}"),
            ["b"] = Parse("{{ c.id }}-{{ vu.id }}"),
            ["c"] = Parse("{{ a }}"),
            ["d"] = Parse("{{ a }}"),
        };

        Template.FindCycle(definitions).ShouldBe(["a", "b", "c", "a"]);
    }

    [Fact]
    public void FindCycle_SelfReference_ReturnsIt()
    {
        Template.FindCycle(new Dictionary<string, Template> { ["x"] = Parse("{{ x }}") }).ShouldBe(["x", "x"]);
    }

    [Fact]
    public void FindCycle_Acyclic_ReturnsNull()
    {
        var definitions = new Dictionary<string, Template>
        {
            ["a"] = Parse("{{ b }}{{ c }}"),
            ["b"] = Parse("{{ c }}{{ env.X }}"),
            ["c"] = Parse("constant"),
        };

        Template.FindCycle(definitions).ShouldBeNull();
    }
}
