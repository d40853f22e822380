namespace Stampede.Data.Questions;

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
    public IReadOnlyList<QuestionSource> Sources => sources;

    public override long Size { get; } = sources.Aggregate(0L, (total, s) => total > QuestionForm.Unbounded - s.Size ? QuestionForm.Unbounded : total + s.Size);

    public override string Generate(long index, ulong key)
    {
        var block = index / sources.Length;
        var slot = IndexPermutation.Permute(index % sources.Length, sources.Length, SeedMixer.Finalise(key ^ (ulong)block));
        return sources[slot].Generate(block, SeedMixer.Finalise(key + (ulong)slot + 1));
    }
}

/// <summary>
/// Several forms as one pool: every combination of every form is asked once, in a shuffled order, before any repeats.
/// Used for custom templates, whose pools are often small enough for users to notice a repeat.
/// </summary>
internal sealed class QuestionUnion : QuestionSource
{
    private readonly QuestionForm[] _forms;
    private readonly long[] _starts;

    public QuestionUnion(QuestionForm[] forms)
    {
        _forms = forms;
        _starts = new long[forms.Length];
        var total = 0L;
        for (var i = 0; i < forms.Length; i++)
        {
            _starts[i] = total;
            total = total > QuestionForm.Unbounded - forms[i].Size ? QuestionForm.Unbounded : total + forms[i].Size;
        }

        Size = total;
    }

    public override long Size { get; }

    public override string Generate(long index, ulong key)
    {
        var round = (ulong)(index / Size);
        var combination = Size >= QuestionForm.Unbounded
            ? (long)(SeedMixer.Finalise((ulong)index ^ key) % (ulong)Size)
            : IndexPermutation.Permute(index % Size, Size, SeedMixer.Finalise(key ^ round));
        var form = Array.BinarySearch(_starts, combination);
        if (form < 0)
        {
            form = ~form - 1;
        }

        return _forms[form].Render(combination - _starts[form]);
    }
}
