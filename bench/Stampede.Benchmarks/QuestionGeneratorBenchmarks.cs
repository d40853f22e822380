using BenchmarkDotNet.Attributes;
using Stampede.Data.Questions;

namespace Stampede.Benchmarks;

/// <summary>
/// Cost of generating questions for chat workloads. The budget is 1,000 questions in well under 100 ms, so a VU can
/// ask for a fresh question every iteration without the generator showing up in latency.
/// </summary>
[MemoryDiagnoser]
public class QuestionGeneratorBenchmarks
{
    private QuestionGenerator _generator = null!;
    private QuestionGenerator _custom = null!;

    [Params(QuestionStrategy.Mixed, QuestionStrategy.Mathematical, QuestionStrategy.Technical)]
    public QuestionStrategy Strategy { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _generator = new QuestionGenerator(Strategy, seed: 42);
        _custom = new QuestionGenerator(Strategy, seed: 42,
        [
            new QuestionTemplate("What is the capital of {country}?", new Dictionary<string, IReadOnlyList<string>> { ["country"] = ["France", "Japan", "Peru", "Kenya"] }),
            new QuestionTemplate("How do you say {word} in {language}?", new Dictionary<string, IReadOnlyList<string>> { ["word"] = ["hello", "thanks", "goodbye"], ["language"] = ["Spanish", "Hindi", "Swahili"] }),
        ]);
    }

    /// <summary>1,000 built-in questions.</summary>
    [Benchmark(Baseline = true)]
    public int ThousandQuestions()
    {
        var length = 0;
        for (var i = 0; i < 1000; i++)
        {
            length += _generator.Next().Length;
        }

        return length;
    }

    /// <summary>1,000 questions from custom templates.</summary>
    [Benchmark]
    public int ThousandCustomQuestions()
    {
        var length = 0;
        for (var i = 0; i < 1000; i++)
        {
            length += _custom.Next().Length;
        }

        return length;
    }
}
