using Shouldly;
using Stampede.Thresholds;
using Xunit;

namespace Stampede.Tests.Thresholds;

public sealed class MetricSelectorTests
{
    [Fact]
    public void Parse_PlainName_HasNoFilters()
    {
        var selector = MetricSelector.Parse("http_req_duration").Value!;

        selector.MetricName.ShouldBe("http_req_duration");
        selector.IsSubmetric.ShouldBeFalse();
    }

    [Fact]
    public void Parse_Filters_KeepWrittenOrder()
    {
        var selector = MetricSelector.Parse("http_req_duration{scenario:chat,status:200}").Value!;

        selector.MetricName.ShouldBe("http_req_duration");
        selector.Filters.ShouldBe([new TagFilter("scenario", "chat"), new TagFilter("status", "200")]);
    }

    [Theory]
    [InlineData("m{ scenario : chat , status : 200 }", "scenario", "chat")]
    [InlineData("my.metric_2{expected_response:true}", "expected_response", "true")]
    [InlineData("m{url:\"/a,b}\"}", "url", "/a,b}")]
    [InlineData("m{name:'single quoted '}", "name", "single quoted ")]
    [InlineData("m{group:::setup}", "group", "::setup")]
    [InlineData("m{url:http://x/{id}", "url", "http://x/{id")]
    [InlineData("m{a:\"say \\\"hi\\\"\"}", "a", "say \"hi\"")]
    [InlineData("m{a:\"\"}", "a", "")]
    [InlineData("m{\"odd key\":1}", "odd key", "1")]
    public void Parse_FilterSpelling_GivesTrimmedOrQuotedValue(string text, string key, string value)
    {
        var result = MetricSelector.Parse(text);

        result.Error.ShouldBeNull();
        result.Value!.Filters[0].ShouldBe(new TagFilter(key, value));
    }

    [Theory]
    [InlineData("", "expected a metric name (a letter or '_' first) at column 0, found the end of the selector", 0)]
    [InlineData("{", "expected a metric name (a letter or '_' first) at column 0, found '{'", 0)]
    [InlineData("9metric", "found '9metric'", 0)]
    [InlineData("http-req-duration", "unexpected '-' in the metric name at column 4: metric names use letters, digits, '_' and '.'", 4)]
    [InlineData("m {a:1}", "unexpected ' ' in the metric name at column 1", 1)]
    [InlineData("m}", "unexpected '}' in the metric name at column 1", 1)]
    [InlineData("http_req_duration{", "expected '}' to close the '{' at column 17, found the end of the selector", 18)]
    [InlineData("http_req_duration{status:200", "expected '}' to close the '{' at column 17", 28)]
    [InlineData("m{a:1,", "expected '}' to close the '{' at column 1", 6)]
    [InlineData("m{}", "expected a tag filter (key:value) inside '{}' at column 2, found '}'", 2)]
    [InlineData("m{:200}", "empty tag key at column 2, found ':': expected key:value", 2)]
    [InlineData("m{a:1,}", "empty tag key at column 6, found '}'", 6)]
    [InlineData("m{status}", "expected ':' after the tag key 'status' at column 8, found '}'", 8)]
    [InlineData("m{status,a:1}", "expected ':' after the tag key 'status' at column 8, found ','", 8)]
    [InlineData("m{status:}", "expected a value after 'status:' at column 9, found '}'", 9)]
    [InlineData("m{a{b:1}", "unexpected '{' in a tag key at column 3", 3)]
    [InlineData("m{a:\"x", "expected a closing \" for the quote at column 4, found the end of the selector", 6)]
    [InlineData("m{a:\"x\"y}", "expected ',' or '}' after the value of 'a' at column 7, found 'y'", 7)]
    [InlineData("m{a:1,a:2}", "tag 'a' at column 6 is filtered twice", 6)]
    [InlineData("m{a:1}x", "unexpected 'x' after '}' at column 6", 6)]
    public void Parse_MalformedSelector_ReportsMessageAndColumn(string text, string fragment, int column)
    {
        var result = MetricSelector.Parse(text);

        result.Value.ShouldBeNull();
        result.Error.ShouldNotBeNull();
        result.Error.Message.ShouldContain(fragment);
        result.Error.Column.ShouldBe(column);
    }

    [Theory]
    [InlineData("http_reqs", "http_reqs")]
    [InlineData("m{ a : 1 ,b:2}", "m{a:1,b:2}")]
    [InlineData("m{url:\"/a,b\"}", "m{url:\"/a,b\"}")]
    [InlineData("m{group:::setup}", "m{group:\"::setup\"}")]
    public void ToString_AnySelector_RoundTrips(string text, string canonical)
    {
        var selector = MetricSelector.Parse(text).Value!;

        selector.ToString().ShouldBe(canonical);
        MetricSelector.Parse(canonical).Value.ShouldBe(selector);
    }

    [Fact]
    public void Equals_SameFiltersInAnotherOrder_IsDifferent()
    {
        var ab = MetricSelector.Parse("m{a:1,b:2}").Value!;

        ab.ShouldBe(MetricSelector.Parse("m{ a:1, b:2 }").Value);
        ab.GetHashCode().ShouldBe(MetricSelector.Parse("m{ a:1, b:2 }").Value!.GetHashCode());
        ab.ShouldNotBe(MetricSelector.Parse("m{b:2,a:1}").Value);
    }

    [Fact]
    public void Matches_TagsContainingEveryFilter_IsTrueOtherwiseFalse()
    {
        var selector = MetricSelector.Parse("m{scenario:chat,status:200}").Value!;

        selector.Matches(new Dictionary<string, string> { ["scenario"] = "chat", ["status"] = "200", ["method"] = "GET" }).ShouldBeTrue();
        selector.Matches(new Dictionary<string, string> { ["scenario"] = "chat", ["status"] = "500" }).ShouldBeFalse();
        selector.Matches(new Dictionary<string, string> { ["scenario"] = "chat" }).ShouldBeFalse();
    }

    [Fact]
    public void Matches_TagSet_AgreesWithTheDictionaryForm()
    {
        var selector = MetricSelector.Parse("m{scenario:chat,status:200}").Value!;

        selector.Matches(Stampede.Metrics.TagSet.Of(("scenario", "chat"), ("status", "200"), ("method", "GET"))).ShouldBeTrue();
        selector.Matches(Stampede.Metrics.TagSet.Of(("scenario", "chat"), ("status", "500"))).ShouldBeFalse();
        selector.Matches(Stampede.Metrics.TagSet.Of(("scenario", "chat"))).ShouldBeFalse();
        MetricSelector.Parse("m").Value!.Matches(Stampede.Metrics.TagSet.Empty).ShouldBeTrue();
    }
}
