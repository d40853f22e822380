using Shouldly;
using Stampede.Data.DataSets;
using Stampede.Data.Templates;
using Stampede.Plans;
using Xunit;

namespace Stampede.Tests.Data.Templates;

public sealed class TemplateScopeTests
{
    private static DataSet Rows(int count) =>
        DataSet.FromRows("items", [.. Enumerable.Range(0, count).Select(i => (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { ["sku"] = "s" + i })]);

    [Fact]
    public void BeginIteration_StopDataSetRunsOut_ReturnsFalse()
    {
        var context = new TemplateContext(1, data: [new DataSource(Rows(2), PickMode.Unique, ExhaustedBehaviour.Stop)]);
        var first = new TemplateScope(context, 1);
        var second = new TemplateScope(context, 2);

        first.BeginIteration(0, 0).ShouldBeTrue();
        second.BeginIteration(0, 1).ShouldBeTrue();
        first.BeginIteration(1, 2).ShouldBeFalse();
    }

    [Fact]
    public void CurrentRow_BeforeFirstIterationOrUnknownSet_IsNull()
    {
        var scope = new TemplateScope(new TemplateContext(1, data: [new DataSource(Rows(2))]), 1);

        scope.CurrentRow("items").ShouldBeNull();
        scope.BeginIteration(0, 0);
        scope.CurrentRow("items")!["sku"].ShouldBe("s0");
        scope.CurrentRow("other").ShouldBeNull();
    }

    [Fact]
    public void Random_SameSeedAndVu_GivesTheSameSequence()
    {
        var context = new TemplateContext(42);
        var errors = new List<PlanError>();
        var template = Template.Parse("{{ random.int(0, 1000000) }}-{{ random.uuid }}-{{ fake.name }}", errors, "x");

        var first = new TemplateScope(context, 5);
        var again = new TemplateScope(new TemplateContext(42), 5);

        Enumerable.Range(0, 10).Select(_ => template.Render(first)).ShouldBe(Enumerable.Range(0, 10).Select(_ => template.Render(again)));
    }
}
