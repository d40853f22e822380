using System.Runtime.InteropServices;

namespace Stampede.Metrics;

/// <summary>
/// A sum that many threads add to without contending on one cache line: each core adds into its own padded
/// cell and readers add the cells up. Writers never lock and never allocate.
/// </summary>
internal sealed class StripedAccumulator
{
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct Cell
    {
        // Offset 64 keeps the value off the line shared with the array header and the previous cell's tail.
        [FieldOffset(64)] public double Value;
    }

    private readonly Cell[] _cells;
    private readonly int _mask;

    public StripedAccumulator()
    {
        var count = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount, 1, 64));
        _cells = new Cell[count];
        _mask = count - 1;
    }

    public void Add(double value)
    {
        ref var cell = ref _cells[Thread.GetCurrentProcessorId() & _mask].Value;
        var current = Volatile.Read(ref cell);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref cell, current + value, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }

    public double Sum
    {
        get
        {
            double sum = 0;
            for (var i = 0; i < _cells.Length; i++)
            {
                sum += Volatile.Read(ref _cells[i].Value);
            }

            return sum;
        }
    }
}
