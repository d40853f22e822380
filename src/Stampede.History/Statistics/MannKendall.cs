namespace Stampede.History.Statistics;

/// <summary>
/// The Mann–Kendall trend test: counts, over every pair of points in time order, how often the later one is
/// higher versus lower. A steady drift makes that count large; noise keeps it near zero.
/// </summary>
public static class MannKendall
{
    /// <summary>The test over <paramref name="values"/> in time order (normal approximation with tie correction).</summary>
    public static MannKendallResult Test(IReadOnlyList<double> values)
    {
        var n = values.Count;
        if (n < 3)
        {
            return new MannKendallResult(0, 0, 1, 0);
        }

        long s = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                s += Math.Sign(values[j] - values[i]);
            }
        }

        double tieTerm = 0;
        foreach (var group in values.GroupBy(v => v).Where(g => g.Count() > 1))
        {
            double t = group.Count();
            tieTerm += t * (t - 1) * ((2 * t) + 5);
        }

        var variance = ((n * (n - 1.0) * ((2.0 * n) + 5)) - tieTerm) / 18.0;
        var tau = s / (n * (n - 1) / 2.0);
        if (variance <= 0)
        {
            return new MannKendallResult(s, 0, 1, tau);
        }

        var z = s > 0 ? (s - 1) / Math.Sqrt(variance) : s < 0 ? (s + 1) / Math.Sqrt(variance) : 0;
        return new MannKendallResult(s, z, 2 * Normal.UpperTail(Math.Abs(z)), tau);
    }
}

/// <summary>A Mann–Kendall test's outcome.</summary>
/// <param name="S">Later-higher pairs minus later-lower pairs.</param>
/// <param name="Z">The standardised statistic.</param>
/// <param name="PValue">Two-sided p-value: the chance of a trend this strong in pure noise.</param>
/// <param name="Tau">Kendall's tau between time and value, from −1 to 1.</param>
public readonly record struct MannKendallResult(double S, double Z, double PValue, double Tau);
