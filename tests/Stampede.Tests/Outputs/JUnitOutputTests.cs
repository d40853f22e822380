using System.Xml.Linq;
using Shouldly;
using Stampede.Outputs;
using Xunit;

namespace Stampede.Tests.Outputs;

public sealed class JUnitOutputTests
{
    [Fact]
    public void Render_ThresholdsAndChecks_OneTestCasePerEachWithFailuresAndSkips()
    {
        var xml = XDocument.Parse(JUnitOutput.Render(OutputRuns.Synthetic()));

        var root = xml.Root!;
        root.Name.LocalName.ShouldBe("testsuites");
        root.Attribute("tests")!.Value.ShouldBe("5");
        root.Attribute("failures")!.Value.ShouldBe("2");
        var thresholds = root.Elements("testsuite").Single(s => s.Attribute("name")!.Value == "thresholds");
        thresholds.Elements("testcase").Count().ShouldBe(3);
        var failed = thresholds.Elements("testcase").Single(c => c.Element("failure") is not null);
        failed.Attribute("classname")!.Value.ShouldBe("thresholds.http_req_duration");
        failed.Attribute("name")!.Value.ShouldBe("p(95)<500");
        failed.Element("failure")!.Attribute("message")!.Value.ShouldContain("p(95)=612.5ms");
        thresholds.Elements("testcase").Count(c => c.Element("skipped") is not null).ShouldBe(1);
        var checks = root.Elements("testsuite").Single(s => s.Attribute("name")!.Value == "checks");
        checks.Elements("testcase").Select(c => c.Attribute("classname")!.Value).ShouldBe(["checks", "checks.cart"]);
        checks.Elements("testcase").First().Element("failure")!.Attribute("message")!.Value.ShouldBe("2 of 10 failed");
    }

    [Fact]
    public async Task EndAsync_PathWithPlaceholders_WritesToThePlansNamedFile()
    {
        var folder = Directory.CreateTempSubdirectory("stampede-junit-").FullName;
        try
        {
            await new JUnitOutput(Path.Combine(folder, "{plan}_{time}.xml")).EndAsync(OutputRuns.Synthetic(), TestContext.Current.CancellationToken);

            var file = Directory.GetFiles(folder).ShouldHaveSingleItem();
            Path.GetFileName(file).ShouldStartWith("checkout_2025-03-0");
            XDocument.Load(file).Root!.Name.LocalName.ShouldBe("testsuites");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Render_ArrivalsDropped_SaysSoInTheThresholdSuiteAndBesideLatencyThresholds()
    {
        var xml = XDocument.Parse(JUnitOutput.Render(OutputRuns.WithDrops()));

        var thresholds = xml.Root!.Elements("testsuite").Single(s => s.Attribute("name")!.Value == "thresholds");
        var properties = thresholds.Element("properties")!.Elements("property").ToDictionary(p => p.Attribute("name")!.Value, p => p.Attribute("value")!.Value);
        properties["dropped_arrivals"].ShouldBe("120");
        properties["started_iterations"].ShouldBe("280");
        properties["dropped_arrivals_fraction"].ShouldBe("0.3");
        var note = thresholds.Element("system-out")!.Value;
        note.ShouldStartWith("Dropped arrivals: 120 of 400 arrivals (30.00%) were dropped");
        note.ShouldContain("The latency percentiles exclude them");
        note.ShouldContain("checkout: 120 of 400 arrivals dropped (30.00%)");
        thresholds.Elements().First().Name.LocalName.ShouldBe("properties");
        thresholds.Elements().Last().Name.LocalName.ShouldBe("system-out");
        var latency = thresholds.Elements("testcase").Single(c => c.Attribute("classname")!.Value == "thresholds.http_req_duration");
        latency.Element("failure")!.Attribute("message")!.Value.ShouldContain("p(95)=612.5ms (120 of 400 arrivals dropped (30.00%); the latency figures exclude them)");
        var rate = thresholds.Elements("testcase").Single(c => c.Attribute("classname")!.Value == "thresholds.http_req_failed");
        rate.Element("system-out")!.Value.ShouldNotContain("dropped");
    }

    [Fact]
    public void Render_NothingDropped_HasNoNote()
    {
        var text = JUnitOutput.Render(OutputRuns.WithoutDrops());

        text.ShouldNotContain("dropped");
        text.ShouldNotContain("<properties>");
    }
}
