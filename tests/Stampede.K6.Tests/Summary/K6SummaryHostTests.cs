using Stampede.K6.Summary;

namespace Stampede.K6.Tests.Summary;

public sealed class K6SummaryHostTests
{
    [Fact]
    public void Text_takes_the_jslibs_options_as_json()
    {
        var text = K6SummaryHost.Text(SummaryDataSample.Json, """{"indent":"→","enableColors":false,"summaryTrendStats":["max"]}""");

        text.ShouldStartWith("→    ✓ home ok\n");
        text.ShouldContain("http_req_duration..............: max=1.5s\n");
    }

    [Fact]
    public void Text_without_options_uses_the_jslibs_defaults()
    {
        K6SummaryHost.Text(SummaryDataSample.Json, null).ShouldContain("\u001b[32m     ✓ home ok\u001b[0m");
        K6SummaryHost.Text(SummaryDataSample.Json, "undefined").ShouldStartWith("\u001b[32m     ✓ home ok");
    }

    [Fact]
    public void JUnit_has_a_case_per_threshold_and_a_failure_with_the_values_for_each_failed_one()
    {
        var xml = K6SummaryHost.JUnit(SummaryDataSample.Json, null);

        xml.ShouldStartWith("<?xml version=\"1.0\"?>\n<testsuites tests=\"3\" failures=\"1\">\n  <testsuite name=\"k6 thresholds\" tests=\"3\" failures=\"1\">\n");
        xml.ShouldContain("<testcase name=\"http_req_duration{expected_response:true} - p(95)&lt;500\" classname=\"Unnamed folder\" />");
        xml.ShouldContain("<testcase name=\"http_req_duration - avg&lt;100\" classname=\"Unnamed folder\" />");
        xml.ShouldContain(
            "<testcase name=\"http_req_duration - p(95)&lt;500\" classname=\"Unnamed folder\"><failure message=\"trend threshold failed: " +
            "avg value: 12.3456, min value: 0.5, med value: 10, max value: 1500, p(90) value: 20, p(95) value: 65000\" /></testcase>");
        System.Xml.Linq.XDocument.Parse(xml).Descendants("testcase").Count().ShouldBe(3);
    }

    [Fact]
    public void JUnit_names_the_suite_and_cases_from_its_options_escaped()
    {
        var xml = K6SummaryHost.JUnit(SummaryDataSample.Json, """{"name":"api & co","classname":"\"load\""}""");

        xml.ShouldContain("<testsuite name=\"api &amp; co\"");
        xml.ShouldContain("classname=\"&quot;load&quot;\"");
    }

    [Fact]
    public void The_module_exports_the_jslibs_functions_through_the_host_globals()
    {
        var source = K6SummaryHost.ModuleSource;

        source.ShouldContain("export function textSummary(data, options)");
        source.ShouldContain("export function jUnit(data, options)");
        source.ShouldContain(K6SummaryHost.TextSummaryGlobal + "(");
        source.ShouldContain(K6SummaryHost.JUnitGlobal + "(");
    }
}
