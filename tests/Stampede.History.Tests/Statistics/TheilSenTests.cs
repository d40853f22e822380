using Stampede.History.Statistics;

namespace Stampede.History.Tests.Statistics;

public sealed class TheilSenTests
{
    [Fact]
    public void Fit_LineWithOutliers_RecoversTheLine()
    {
        double[] x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        var y = x.Select(v => (2 * v) + 1).ToArray();
        y[3] = 500;
        y[7] = -300;

        var (slope, intercept) = TheilSen.Fit(x, y);

        slope.ShouldBe(2, tolerance: 1e-9);
        intercept.ShouldBe(1, tolerance: 1e-9);
    }

    [Fact]
    public void Fit_OnePoint_SlopeZero()
    {
        TheilSen.Fit([1], [7]).ShouldBe((0d, 7d));
    }
}
