using System.Text;

namespace Stampede.Data.Questions;

/// <summary>Builds a question's text from the choice made for each slot.</summary>
internal delegate void QuestionRenderer(ReadOnlySpan<long> choices, StringBuilder builder);

/// <summary>
/// One way of asking: slots (a word list or a number range each) and a renderer. Its questions are every combination of
/// slot choices; question <c>i</c> is combination <c>permute(i)</c>, so the first <see cref="Size"/> questions never repeat.
/// </summary>
internal sealed class QuestionForm : QuestionSource
{
    /// <summary>Beyond this many combinations a form draws by hashing instead of permuting (repeats are then vanishingly rare).</summary>
    public const long Unbounded = 1L << 62;

    private readonly long[] _radix;
    private readonly QuestionRenderer _render;

    public QuestionForm(long[] radix, QuestionRenderer render)
    {
        _radix = radix;
        _render = render;
        var size = 1L;
        foreach (var r in radix)
        {
            size = size > Unbounded / Math.Max(1, r) ? Unbounded : size * r;
        }

        Size = size;
    }

    public override long Size { get; }

    /// <summary>A form from text with <c>{name}</c> slots filled from word lists.</summary>
    public static QuestionForm FromText(string text, Func<string, IReadOnlyList<string>?> bank)
    {
        var literals = new List<string>();
        var slots = new List<IReadOnlyList<string>>();
        var position = 0;
        var current = new StringBuilder();
        while (position < text.Length)
        {
            var open = text.IndexOf('{', position);
            var close = open < 0 ? -1 : text.IndexOf('}', open + 1);
            if (open < 0 || close < 0)
            {
                current.Append(text, position, text.Length - position);
                break;
            }

            current.Append(text, position, open - position);
            var name = text[(open + 1)..close].Trim();
            var values = bank(name) ?? throw new ArgumentException($"no values for '{{{name}}}' in \"{text}\"", nameof(bank));
            if (values.Count == 0)
            {
                throw new ArgumentException($"'{{{name}}}' has no values in \"{text}\"", nameof(bank));
            }

            literals.Add(current.ToString());
            current.Clear();
            slots.Add(values);
            position = close + 1;
        }

        literals.Add(current.ToString());
        var words = slots.ToArray();
        var parts = literals.ToArray();
        return new QuestionForm([.. words.Select(w => (long)w.Count)], (choices, builder) =>
        {
            for (var i = 0; i < words.Length; i++)
            {
                builder.Append(parts[i]).Append(words[i][(int)choices[i]]);
            }

            builder.Append(parts[^1]);
        });
    }

    public override string Generate(long index, ulong key)
    {
        long combination;
        if (Size >= Unbounded)
        {
            combination = (long)(SeedMixer.Finalise((ulong)index ^ key) >> 2);
        }
        else
        {
            // After every combination was used, start a new, differently shuffled round rather than failing.
            var round = (ulong)(index / Size);
            combination = IndexPermutation.Permute(index % Size, Size, SeedMixer.Finalise(key ^ round));
        }

        return Render(combination);
    }

    /// <summary>The question for combination <paramref name="combination"/> (from 0): slot choices in mixed radix.</summary>
    public string Render(long combination)
    {
        Span<long> choices = stackalloc long[_radix.Length];
        for (var i = _radix.Length - 1; i >= 0; i--)
        {
            choices[i] = combination % _radix[i];
            combination /= _radix[i];
        }

        var builder = new StringBuilder(160);
        _render(choices, builder);
        return builder.ToString();
    }
}
