using Shouldly;
using Stampede.Metrics;
using Stampede.Outputs.Html;
using Xunit;

namespace Stampede.Reports.Tests.Outputs.Html;

public sealed class TenantCostChartTests
{
    /// <summary>A result with <paramref name="tenants"/> tenants; tenant k spends k thousandths of a dollar in second 1 and k in second 2, over two series.</summary>
    private static RunResult Result(int tenants)
    {
        var rows = Enumerable.Range(1, tenants).Select(k => new TenantRow { Tenant = $"org-{k}", Organization = $"o{k}", CostUsd = 1.001 * k }).ToList();
        var series = Enumerable.Range(1, tenants).SelectMany(k => new[]
        {
            new SeriesResult
            {
                Tags = new Dictionary<string, string> { ["tenant"] = $"org-{k}", ["model"] = "a" },
                Values = new ResultValues { Count = 0.001 * k },
                Timeline = new TimelineResult { Start = 1, Values = [0.001 * k] },
            },
            new SeriesResult
            {
                Tags = new Dictionary<string, string> { ["tenant"] = $"org-{k}", ["model"] = "b" },
                Values = new ResultValues { Count = k },
                Timeline = new TimelineResult { Start = 2, Values = [k] },
            },
        }).ToList();
        return new RunResult
        {
            Meta = new RunMetadata { Plan = "p", Seconds = 3 },
            Metrics = [new MetricResult { Name = "llm_cost", Kind = MetricKind.Counter, Values = new ResultValues { Count = series.Sum(s => s.Values.Count) }, Series = series }],
            Tenants = new TenantsResult { RunId = "r", Tenants = rows },
        };
    }

    [Fact]
    public void For_FewTenants_OneLinePerTenantSummingItsSeriesPerSecond()
    {
        var chart = TenantCostChart.For(Result(3), seconds: 3).ShouldNotBeNull();

        chart.Section.ShouldBe(ReportCharts.Tenants);
        chart.Lines.Select(l => l.Label).ShouldBe(["org-3", "org-2", "org-1"]);
        chart.Lines[0].Values.ShouldBe([0, 0.003, 3]);
        chart.Lines[2].Values.ShouldBe([0, 0.001, 1]);
    }

    [Fact]
    public void For_MoreTenantsThanTheCap_DrawsTheTopSpendersAndSumsTheRestAsOther()
    {
        var chart = TenantCostChart.For(Result(TenantCostChart.MaxLines + 3), seconds: 3).ShouldNotBeNull();

        chart.Lines.Count.ShouldBe(TenantCostChart.MaxLines + 1);
        chart.Lines.Take(TenantCostChart.MaxLines).Select(l => l.Label).ShouldBe(Enumerable.Range(4, TenantCostChart.MaxLines).Reverse().Select(k => $"org-{k}"));
        var other = chart.Lines[^1];
        other.Label.ShouldBe(TenantCostChart.OtherLabel);
        other.Values[1].ShouldBe(0.006, tolerance: 1e-12);
        other.Values[2].ShouldBe(6);
    }

    [Fact]
    public void For_RunWithoutTenants_IsNull()
    {
        TenantCostChart.For(Result(2) with { Tenants = null }, seconds: 3).ShouldBeNull();
    }
}
