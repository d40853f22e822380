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
}
