using Shouldly;
using Xunit;

namespace Stampede.EndToEnd.Tests.Docs;

public sealed class DocCommandCheckTests
{
    [Fact]
    public void Errors_MisspeltOptionInADoc_IsReported()
    {
        var line = DocCommandLine.FromMarkdown("doc.md", "```sh\nstampede run plan.yaml --vuz 10\n```\n").Single();

        DocCommandCheck.Errors(line).ShouldContain(e => e.Contains("--vuz", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("stampede runn plan.yaml")]
    [InlineData("stampede validate")]
    [InlineData("stampede history --last many")]
    [InlineData("dotnet run plan.cs -- --vus 10 --port 5000")]
    public void Errors_UnknownCommandMissingArgumentOrBadValue_AreReported(string text)
    {
        var line = DocCommandLine.FromMarkdown("doc.md", $"```sh\n{text}\n```\n").Single();

        DocCommandCheck.Errors(line).ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("stampede run plan.yaml --profile spike --vus 200 --duration 5m -e BASE_URL=http://host:8080")]
    [InlineData("stampede compare 14 --baseline tag:release=1.3")]
    [InlineData("dotnet run plan.cs -- --vus 20 --duration 30s --out json=h.json")]
    public void Errors_ValidLine_IsEmpty(string text)
    {
        var line = DocCommandLine.FromMarkdown("doc.md", $"```sh\n{text}\n```\n").Single();

        DocCommandCheck.Errors(line).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Ask for `stampede run --vuz` in prose.", "--vuz")]
    [InlineData("`stampede rerun --baseline …` compares.", "rerun")]
    public void Errors_InlineFragmentNamingAnUnknownOptionOrCommand_IsReported(string prose, string name)
    {
        var line = DocCommandLine.InlineFromMarkdown("doc.md", prose).Single();

        DocCommandCheck.Errors(line).ShouldHaveSingleItem().ShouldContain(name);
    }

    [Fact]
    public void Errors_InlineFragmentsWithoutValues_AreEmpty()
    {
        var lines = DocCommandLine.InlineFromMarkdown("doc.md", "`stampede run … --baseline …` and `stampede drift --fail-on-drift`");

        lines.Count.ShouldBe(2);
        lines.SelectMany(DocCommandCheck.Errors).ShouldBeEmpty();
    }
}
