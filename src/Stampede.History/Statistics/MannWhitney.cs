namespace Stampede.History.Statistics;

/// <summary>
/// The Mann–Whitney U test (Wilcoxon rank-sum): are the values of one sample typically larger than the other's?
/// It compares ranks, not means, so one slow second does not decide it and no distribution shape is assumed.
/// </summary>
public static class MannWhitney
{
    /// <summary>
    /// One-sided test that <paramref name="current"/> tends to be greater than <paramref name="baseline"/>; returns
    /// the p-value (normal approximation with tie and continuity corrections) and the effect size
    /// P(current &gt; baseline) + ½·P(tie). A p-value of 1 comes back when either sample is empty.
    /// </summary>
    public static MannWhitneyResult GreaterThan(IReadOnlyList<double> current, IReadOnlyList<double> baseline)
    {
        int n1 = current.Count, n2 = baseline.Count;
        if (n1 == 0 || n2 == 0)
        {
            return new MannWhitneyResult(0, 1, 0.5);
        }

        var all = new (double Value, bool Current)[n1 + n2];
        for (var i = 0; i < n1; i++)
        {
            all[i] = (current[i], true);
        }

        for (var i = 0; i < n2; i++)
        {
            all[n1 + i] = (baseline[i], false);
        }

        Array.Sort(all, (a, b) => a.Value.CompareTo(b.Value));
        double rankSum = 0, tieTerm = 0;
        for (var i = 0; i < all.Length;)
        {
            var j = i;
            while (j + 1 < all.Length && all[j + 1].Value == all[i].Value)
            {
                j++;
            }

            var rank = ((i + j) / 2.0) + 1;
            for (var k = i; k <= j; k++)
            {
                if (all[k].Current)
                {
                    rankSum += rank;
                }
            }

            double tied = j - i + 1;
            tieTerm += (tied * tied * tied) - tied;
            i = j + 1;
        }

        var u = rankSum - (n1 * (n1 + 1) / 2.0);
        var mean = n1 * n2 / 2.0;
        double n = n1 + n2;
        var variance = n1 * n2 / 12.0 * ((n + 1) - (tieTerm / (n * (n - 1))));
        var effect = u / (n1 * (double)n2);
        if (variance <= 0)
        {
            // Every value equal: nothing to tell apart.
            return new MannWhitneyResult(u, 1, effect);
        }

        var z = (u - mean - 0.5) / Math.Sqrt(variance);
        return new MannWhitneyResult(u, Normal.UpperTail(z), effect);
    }
}

/// <summary>A Mann–Whitney U test's outcome.</summary>
/// <param name="U">The U statistic of the first sample.</param>
/// <param name="PValue">One-sided p-value.</param>
/// <param name="Effect">Probability that a value of the first sample exceeds one of the second (ties count half); 0.5 means no shift.</param>
public readonly record struct MannWhitneyResult(double U, double PValue, double Effect);
