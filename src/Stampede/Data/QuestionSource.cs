namespace Stampede.Data;

/// <summary>Something that turns a question number into a question; the same number and key always give the same question.</summary>
internal abstract class QuestionSource
{
    /// <summary>How many different questions there are (capped at <see cref="QuestionForm.Unbounded"/>).</summary>
    public abstract long Size { get; }

    public abstract string Generate(long index, ulong key);
}

/// <summary>
/// Several sources taken in turns: each block of <c>n</c> questions asks each source once, in an order shuffled per block.
/// Within a source, question numbers run 0, 1, 2, … so each source stays unique on its own.
/// </summary>
internal sealed class QuestionRotation(QuestionSource[] sources) : QuestionSource
{
    public override long Size { get; } = sources.Aggregate(0L, (total, s) => total > QuestionForm.Unbounded - s.Size ? QuestionForm.Unbounded : total + s.Size);

    public override string Generate(long index, ulong key)
    {
        var block = index / sources.Length;
        var slot = IndexPermutation.Permute(index % sources.Length, sources.Length, SeedMixer.Finalise(key ^ (ulong)block));
        return sources[slot].Generate(block, SeedMixer.Finalise(key + (ulong)slot + 1));
    }
}
