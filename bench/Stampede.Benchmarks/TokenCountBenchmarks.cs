using BenchmarkDotNet.Attributes;
using Stampede.Protocols.Llm;

namespace Stampede.Benchmarks;

/// <summary>
/// Cost per streamed chunk of counting its tokens offline (done once the stream ends, when the stream gave no usage or
/// its usage does not match the chunk count). Baseline: the chunk-count fallback, which costs nothing. The chunks are
/// the words of a synthetic answer with their leading spaces, as servers stream them, plus some four-word chunks.
/// </summary>
[MemoryDiagnoser]
public class TokenCountBenchmarks
{
    private const int Chunks = 1000;
    private string[] _chunks = null!;
    private LlmTokenCounter _counter = null!;

    [Params(LlmTokenizer.Cl100k, LlmTokenizer.O200k)]
    public LlmTokenizer Encoding { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _counter = LlmTokenCounter.For(Encoding, "benchmark")!;
        var random = new Random(42);
        var words = LlmPrompts.Synthetic(Chunks * 2, random).Split(' ');
        _chunks = new string[Chunks];
        for (var i = 0; i < Chunks; i++)
        {
            // One chunk in ten carries four words, like servers that batch tokens; numbers make most chunks distinct.
            _chunks[i] = i % 10 == 0 ? $" {words[i]} {words[i + 1]} {words[i + 2]} {i}" : $" {words[i]}{(i % 3 == 0 ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")}";
        }
    }

    /// <summary>One token per chunk, no counting.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Chunks)]
    public long ChunkCount()
    {
        long tokens = 0;
        foreach (var chunk in _chunks)
        {
            tokens += chunk.Length > 0 ? 1 : 0;
        }

        return tokens;
    }

    /// <summary>The tokenizer's count of each chunk's text.</summary>
    [Benchmark(OperationsPerInvoke = Chunks)]
    public long Tokenizer()
    {
        long tokens = 0;
        foreach (var chunk in _chunks)
        {
            tokens += _counter.Count(chunk);
        }

        return tokens;
    }
}
