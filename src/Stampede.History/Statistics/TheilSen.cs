namespace Stampede.History.Statistics;

/// <summary>
/// The Theil–Sen slope: the median of the slopes between every pair of points. Unlike least squares, a few spikes
/// (a GC pause, a retry storm) barely move it, which is what a drift estimate over a long noisy run needs.
/// </summary>
public static class TheilSen
{
    /// <summary>Slope (y per x) and intercept (the median of y − slope·x); both 0 for fewer than two points.</summary>
    public static (double Slope, double Intercept) Fit(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var n = Math.Min(x.Count, y.Count);
        if (n < 2)
        {
            return (0, n == 1 ? y[0] : 0);
        }

        var slopes = new List<double>(n * (n - 1) / 2);
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                if (x[j] != x[i])
                {
                    slopes.Add((y[j] - y[i]) / (x[j] - x[i]));
                }
            }
        }

        var slope = Median(slopes);
        var residuals = new List<double>(n);
        for (var i = 0; i < n; i++)
        {
            residuals.Add(y[i] - (slope * x[i]));
        }

        return (slope, Median(residuals));
    }

    internal static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
