using Shouldly;
using Stampede.Data.Questions;
using Stampede.Plans;
using Xunit;

namespace Stampede.Tests.Data.Questions;

public sealed class QuestionGeneratorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("stampede-questions-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Theory]
    [InlineData(QuestionStrategy.Historical)]
    [InlineData(QuestionStrategy.Mathematical)]
    [InlineData(QuestionStrategy.Geographical)]
    [InlineData(QuestionStrategy.Hypothetical)]
    [InlineData(QuestionStrategy.Technical)]
    [InlineData(QuestionStrategy.Mixed)]
    public void Next_TenThousandQuestions_AreOverNinetyNinePercentUnique(QuestionStrategy strategy)
    {
        var generator = new QuestionGenerator(strategy, seed: 2024);

        var questions = Enumerable.Range(0, 10_000).Select(_ => generator.Next()).ToList();

        questions.Distinct().Count().ShouldBeGreaterThan(9_900);
        questions.ShouldAllBe(q => q.Length > 10 && q.Length < 400);
        generator.DistinctQuestions.ShouldBeGreaterThan(100_000);
    }

    [Theory]
    [InlineData(QuestionStrategy.Historical)]
    [InlineData(QuestionStrategy.Mathematical)]
    [InlineData(QuestionStrategy.Geographical)]
    [InlineData(QuestionStrategy.Hypothetical)]
    [InlineData(QuestionStrategy.Technical)]
    public void BuiltInBank_EveryForm_HasAtLeastTwentyThousandCombinations(QuestionStrategy strategy)
    {
        var bank = (QuestionRotation)QuestionBanks.For(strategy);

        bank.Sources.Count.ShouldBeGreaterThanOrEqualTo(8);
        bank.Sources.ShouldAllBe(form => form.Size >= 20_000);
    }

    [Fact]
    public void Next_Mixed_DrawsFromEveryStrategy()
    {
        var generator = new QuestionGenerator(QuestionStrategy.Mixed, seed: 1);

        var questions = Enumerable.Range(0, 50).Select(_ => generator.Next()).ToList();

        questions.ShouldContain(q => q.StartsWith("What would happen if", StringComparison.Ordinal) || q.StartsWith("Imagine", StringComparison.Ordinal) || q.StartsWith("If ", StringComparison.Ordinal) || q.StartsWith("Suppose", StringComparison.Ordinal) || q.StartsWith("How would", StringComparison.Ordinal) || q.StartsWith("Write a short story", StringComparison.Ordinal) || q.StartsWith("What are the risks", StringComparison.Ordinal));
        questions.ShouldContain(q => q.Any(char.IsAsciiDigit));
    }

    [Theory]
    [InlineData(QuestionStrategy.Historical)]
    [InlineData(QuestionStrategy.Mathematical)]
    [InlineData(QuestionStrategy.Mixed)]
    public void Next_SameSeed_GivesTheSameSequence(QuestionStrategy strategy)
    {
        var a = new QuestionGenerator(strategy, 77);
        var b = new QuestionGenerator(strategy, 77);
        var c = new QuestionGenerator(strategy, 78);

        var fromA = Enumerable.Range(0, 200).Select(_ => a.Next()).ToList();

        Enumerable.Range(0, 200).Select(_ => b.Next()).ShouldBe(fromA);
        Enumerable.Range(0, 200).Select(_ => c.Next()).ShouldNotBe(fromA);
    }

    [Fact]
    public void Next_CalledFromManyThreads_NeverRepeats()
    {
        var generator = new QuestionGenerator(QuestionStrategy.Technical, 5);
        var questions = new System.Collections.Concurrent.ConcurrentBag<string>();

        Parallel.For(0, 4000, _ => questions.Add(generator.Next()));

        questions.Distinct().Count().ShouldBe(4000);
    }

    [Fact]
    public void Next_CustomTemplates_SubstituteEveryCombinationBeforeRepeating()
    {
        var templates = new[]
        {
            new QuestionTemplate("What is the capital of {country}?", new Dictionary<string, IReadOnlyList<string>> { ["country"] = ["France", "Japan", "Peru"] }),
            new QuestionTemplate("How do you say {word} in {language}?", new Dictionary<string, IReadOnlyList<string>> { ["word"] = ["hello", "thanks"], ["language"] = ["Spanish", "Hindi"] }),
        };
        var generator = new QuestionGenerator(QuestionStrategy.Historical, 9, templates);


        var questions = Enumerable.Range(0, 7).Select(_ => generator.Next()).ToList();

        questions.ShouldBe(
            [
                "What is the capital of France?", "What is the capital of Japan?", "What is the capital of Peru?",
                "How do you say hello in Spanish?", "How do you say hello in Hindi?", "How do you say thanks in Spanish?", "How do you say thanks in Hindi?",
            ],
            ignoreOrder: true);
        generator.DistinctQuestions.ShouldBe(7);
        Enumerable.Range(0, 7).Select(_ => generator.Next()).ShouldBe(questions, ignoreOrder: true);
    }

    [Fact]
    public void Constructor_CustomTemplateWithoutValues_Throws()
    {
        Should.Throw<ArgumentException>(() => new QuestionGenerator(QuestionStrategy.Mixed, 1, [new QuestionTemplate("Where is {city}?")]));
    }

    [Fact]
    public void LoadTemplates_YamlWithSharedAndOwnVariables_ReadsThem()
    {
        var path = Write("q.yaml", """
            variables:
              country: [France, Japan]
            templates:
              - "What is the capital of {country}?"
              - text: "What is {dish} made of, and is it eaten in {country}?"
                variables:
                  dish: [paella, ramen]
            """);
        var errors = new List<PlanError>();

        var templates = QuestionGenerator.LoadTemplates(path, errors);

        errors.ShouldBeEmpty();
        templates.Count.ShouldBe(2);
        templates[1].Variables["dish"].ShouldBe(["paella", "ramen"]);
        templates[1].Variables["country"].ShouldBe(["France", "Japan"]);
        var generator = new QuestionGenerator(QuestionStrategy.Mixed, 1, templates);
        Enumerable.Range(0, 6).Select(_ => generator.Next()).Distinct().Count().ShouldBe(6);
        generator.DistinctQuestions.ShouldBe(6);
    }

    [Fact]
    public void LoadTemplates_Json_ReadsAList()
    {
        var path = Write("q.json", """[{ "text": "Tell me about {topic}.", "variables": { "topic": ["owls", "tides"] } }]""");
        var errors = new List<PlanError>();

        var templates = QuestionGenerator.LoadTemplates(path, errors);

        errors.ShouldBeEmpty();
        templates.ShouldHaveSingleItem().Text.ShouldBe("Tell me about {topic}.");
    }

    [Fact]
    public void LoadTemplates_Problems_AreReportedWithLines()
    {
        var path = Write("bad.yaml", """
            variables:
              country: [France]
            templates:
              - "Where is {countyr}?"
              - texts: "oops"
              - text: "Fine {country}"
                variables:
                  empty: []
            """);
        var errors = new List<PlanError>();

        var templates = QuestionGenerator.LoadTemplates(path, errors);

        templates.ShouldHaveSingleItem().Text.ShouldBe("Fine {country}");
        errors.Select(e => e.Message).ShouldBe([
            "'{countyr}' has no values: add it under 'variables' (or did you mean '{country}'?)",
            "unknown key 'texts': expected 'text' or 'variables'; did you mean 'text'?",
            "a template needs its question text (a string, or 'text: …')",
            "variable 'empty' needs a non-empty list of values",
        ]);
        errors[0].Location.ShouldBe(new SourceLocation(path, 4, 5));
    }

    [Fact]
    public void LoadTemplates_MissingFileOrBadYaml_IsAnError()
    {
        var errors = new List<PlanError>();

        QuestionGenerator.LoadTemplates(Path.Combine(_directory, "none.yaml"), errors);
        QuestionGenerator.LoadTemplates(Write("broken.yaml", "templates: [\"a\""), errors);

        errors.Count.ShouldBe(2);
        errors[0].Message.ShouldContain("file not found");
        errors[1].Message.ShouldStartWith("invalid YAML/JSON");
    }
}
