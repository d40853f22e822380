using System.Collections.Concurrent;
using Shouldly;
using Stampede.Data.DataSets;
using Xunit;

namespace Stampede.Tests.Data.DataSets;

public sealed class DataCursorTests
{
    private static DataSet Rows(int count) =>
        DataSet.FromRows("rows", [.. Enumerable.Range(0, count).Select(i => (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { ["i"] = i.ToString() })]);

    private static List<string?> Take(DataCursor cursor, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => cursor.Next()?["i"])];

    [Theory]
    [InlineData(1, new[] { "0", "1", "2", "3", "0" })]
    [InlineData(2, new[] { "1", "2", "3", "0", "1" })]
    [InlineData(4, new[] { "3", "0", "1", "2", "3" })]
    [InlineData(6, new[] { "1", "2", "3", "0", "1" })]
    public void Next_Sequential_EachVuStartsAtItsOwnRowAndCycles(int vuId, string[] expected)
    {
        var cursor = new DataCursor(Rows(4), PickMode.Sequential, ExhaustedBehaviour.Cycle, new SharedDataPosition(), new Random(1), vuId);

        Take(cursor, 5).ShouldBe(expected);
    }

    [Fact]
    public void Next_SequentialWithStop_EndsAfterEveryRowOnce()
    {
        var cursor = new DataCursor(Rows(3), PickMode.Sequential, ExhaustedBehaviour.Stop, new SharedDataPosition(), new Random(1), vuId: 2);

        Take(cursor, 5).ShouldBe(["1", "2", "0", null, null]);
        cursor.Current.ShouldBeNull();
    }

    [Fact]
    public void Next_Unique_NeverRepeatsAcrossConcurrentVus()
    {
        const int rows = 5000;
        var set = Rows(rows);
        var shared = new SharedDataPosition();
        var taken = new ConcurrentBag<string>();

        Parallel.For(1, 9, vu =>
        {
            var cursor = new DataCursor(set, PickMode.Unique, ExhaustedBehaviour.Stop, shared, new Random(vu), vu);
            while (cursor.Next() is { } row)
            {
                taken.Add(row["i"]);
            }
        });

        taken.Count.ShouldBe(rows);
        taken.Distinct().Count().ShouldBe(rows);
        shared.Taken.ShouldBeGreaterThanOrEqualTo(rows);
    }

    [Fact]
    public void Next_UniqueWithCycle_UsesEveryRowOnceBeforeAnyRepeats()
    {
        var set = Rows(3);
        var shared = new SharedDataPosition();
        var a = new DataCursor(set, PickMode.Unique, ExhaustedBehaviour.Cycle, shared, new Random(1), 1);
        var b = new DataCursor(set, PickMode.Unique, ExhaustedBehaviour.Cycle, shared, new Random(2), 2);

        var order = new[] { a.Next(), b.Next(), a.Next(), b.Next() }.Select(r => r!["i"]).ToList();

        order.ShouldBe(["0", "1", "2", "0"]);
    }

    [Fact]
    public void Next_Random_CoversEveryRowAndNeverRunsOut()
    {
        var cursor = new DataCursor(Rows(10), PickMode.Random, ExhaustedBehaviour.Stop, new SharedDataPosition(), new Random(3), 1);

        var picked = Take(cursor, 500);

        picked.ShouldAllBe(p => p != null);
        picked.Distinct().Count().ShouldBe(10);
    }

    [Fact]
    public void Next_RandomWithSameSeed_Repeats()
    {
        var first = Take(new DataCursor(Rows(50), PickMode.Random, ExhaustedBehaviour.Cycle, new SharedDataPosition(), new Random(9)), 20);
        var second = Take(new DataCursor(Rows(50), PickMode.Random, ExhaustedBehaviour.Cycle, new SharedDataPosition(), new Random(9)), 20);

        second.ShouldBe(first);
    }

    [Fact]
    public void Next_EmptySet_ReturnsNull()
    {
        var cursor = new DataCursor(Rows(0), PickMode.Sequential, ExhaustedBehaviour.Cycle, new SharedDataPosition(), new Random(1));

        cursor.Next().ShouldBeNull();
    }
}
