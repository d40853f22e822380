namespace Stampede.Data;

/// <summary>
/// A keyed bijection of <c>[0, size)</c> onto itself: a 4-round Feistel network on the next power of two, walking the
/// cycle until the result falls inside the range. Walking a counter through it visits every index once, in an order
/// that looks random and depends only on the key — which is how generated questions are unique and repeatable
/// without remembering what was asked.
/// </summary>
internal static class IndexPermutation
{
    public static long Permute(long index, long size, ulong key)
    {
        if (size <= 1)
        {
            return 0;
        }

        var bits = 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(size - 1));
        bits += bits & 1;
        var half = bits / 2;
        var mask = (1UL << half) - 1;
        var value = (ulong)index;
        do
        {
            var left = value >> half;
            var right = value & mask;
            for (var round = 0UL; round < 4; round++)
            {
                var next = left ^ (SeedMixer.Finalise(right ^ key ^ (round * 0xD1B54A32D192ED03UL)) & mask);
                left = right;
                right = next;
            }

            value = (left << half) | right;
        }
        while (value >= (ulong)size);

        return (long)value;
    }
}
