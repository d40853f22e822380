using Stampede.Cli.Outputs;

namespace Stampede.Cli.Tests.Outputs;

public sealed class LatencyHistoryTests
{
    [Fact]
    public void Sparkline_RisingValuesWithAGap_DrawsLowToHighBarsAndASpace()
    {
        var history = new LatencyHistory(capacity: 5);
        foreach (var value in (double[])[99, 1, 2, double.NaN, 8, 15])
        {
            history.Add(value);
        }

        history.Count.ShouldBe(5);
        history.Sparkline().ShouldBe("▁▂ ▅█");
        history.LastText.ShouldBe("15ms");
    }

    [Fact]
    public void Sparkline_NoSamples_IsBlankAndLastIsADash()
    {
        var history = new LatencyHistory();
        history.Add(double.NaN);

        history.Sparkline().ShouldBe(" ");
        history.LastText.ShouldBe("-");
    }
}
