using Shouldly;
using Stampede.Metrics;
using Xunit;

namespace Stampede.Tests.Metrics;

public sealed class UrlRedactionTests
{
    [Theory]
    [InlineData("http://127.0.0.1/search?q=shoes&api_key=s3cr3t", "http://127.0.0.1/search?q=shoes&api_key=[REDACTED]")]
    [InlineData("/?token=abc", "/?token=[REDACTED]")]
    [InlineData("/?TOKEN=abc&Access_Token=def", "/?TOKEN=[REDACTED]&Access_Token=[REDACTED]")]
    [InlineData("/a?apikey=1&key=2&auth=3&password=4&secret=5&signature=6&sig=7",
        "/a?apikey=[REDACTED]&key=[REDACTED]&auth=[REDACTED]&password=[REDACTED]&secret=[REDACTED]&signature=[REDACTED]&sig=[REDACTED]")]
    [InlineData("/s3?X-Amz-Credential=AKIA&X-Amz-Signature=ff00&X-Amz-Expires=60", "/s3?X-Amz-Credential=AKIA&X-Amz-Signature=[REDACTED]&X-Amz-Expires=60")]
    [InlineData("/o?client_secret=x&refresh_token=y&accessToken=z", "/o?client_secret=[REDACTED]&refresh_token=[REDACTED]&accessToken=[REDACTED]")]
    [InlineData("/x?sort_key=name&monkey=banana&tokens=3", "/x?sort_key=[REDACTED]&monkey=banana&tokens=3")]
    [InlineData("/cb#access_token=abc&state=1", "/cb#access_token=[REDACTED]&state=1")]
    [InlineData("/p?token=abc#top", "/p?token=[REDACTED]#top")]
    [InlineData("/p?token=&q=1", "/p?token=&q=1")]
    [InlineData("/p?token", "/p?token")]
    [InlineData("/p?q=a?token=b", "/p?q=a?token=[REDACTED]")]
    [InlineData("/missions/{{ id }}?token={{ vars.token }}&q=1", "/missions/{{ id }}?token=[REDACTED]&q=1")]
    [InlineData("/missions?token={{ vars.token", "/missions?token=[REDACTED]")]
    [InlineData("https://user:pa55@example.test:8443/a?x=1", "https://[REDACTED]@example.test:8443/a?x=1")]
    [InlineData("https://ghp_abc@example.test/", "https://[REDACTED]@example.test/")]
    [InlineData("mail me at ops@example.test", "mail me at ops@example.test")]
    [InlineData("https://example.test/a@b?token=t", "https://example.test/a@b?token=[REDACTED]")]
    public void Redact_Url_MasksCredentialValuesAndKeepsTheRest(string url, string expected)
    {
        UrlRedaction.Default.Redact(url).ShouldBe(expected);
    }

    [Theory]
    [InlineData("HttpRequestException: GET http://127.0.0.1:1/?api_key=k1 failed (refused)", "HttpRequestException: GET http://127.0.0.1:1/?api_key=[REDACTED] failed (refused)")]
    [InlineData("GET /?token=t1 status is 200", "GET /?token=[REDACTED] status is 200")]
    [InlineData("invalid URL 'http://x/?sig=abc'", "invalid URL 'http://x/?sig=[REDACTED]'")]
    [InlineData("two: http://a/?key=1 and http://u:p@b/?secret=2", "two: http://a/?key=[REDACTED] and http://[REDACTED]@b/?secret=[REDACTED]")]
    public void Redact_TextQuotingUrls_MasksEveryCredential(string text, string expected)
    {
        UrlRedaction.Default.Redact(text).ShouldBe(expected);
    }

    [Theory]
    [InlineData("/api/health")]
    [InlineData("browse")]
    [InlineData("/search?q=shoes&page=2")]
    [InlineData("http://127.0.0.1/?token=[REDACTED]")]
    [InlineData("https://[REDACTED]@host/")]
    public void Redact_NothingToMask_ReturnsTheSameInstance(string text)
    {
        UrlRedaction.Default.Redact(text).ShouldBeSameAs(text);
    }

    [Fact]
    public void Redact_PlanListedName_MasksItAndLongerNamesEndingInIt()
    {
        var redaction = new UrlRedaction(["session"]);

        redaction.Redact("/a?session=1&user_session=2&sessions=3&token=4").ShouldBe("/a?session=[REDACTED]&user_session=[REDACTED]&sessions=3&token=[REDACTED]");
        UrlRedaction.Default.Redact("/a?session=1").ShouldBe("/a?session=1");
    }

    [Theory]
    [InlineData("token", true)]
    [InlineData("ToKeN", true)]
    [InlineData("id_token", true)]
    [InlineData("x-api-key", true)]
    [InlineData("xApiKey", true)]
    [InlineData("v2Token", true)]
    [InlineData("auth.sig", true)]
    [InlineData("monkey", false)]
    [InlineData("tokenizer", false)]
    [InlineData("author", false)]
    [InlineData("hashsig", false)]
    [InlineData("", false)]
    public void IsCredential_Name_FollowsTheRule(string name, bool expected)
    {
        UrlRedaction.Default.IsCredential(name).ShouldBe(expected);
    }

    [Fact]
    public void Redact_TagSet_MasksEveryValueAndKeepsTheSetWhenClean()
    {
        var tags = TagSet.Of(("name", "/?token=abc"), ("check", "GET /?key=k status is 200"), ("method", "GET"));
        var clean = TagSet.Of(("name", "/health"), ("method", "GET"));

        var redacted = UrlRedaction.Default.Redact(tags);

        redacted["name"].ShouldBe("/?token=[REDACTED]");
        redacted["check"].ShouldBe("GET /?key=[REDACTED] status is 200");
        redacted["method"].ShouldBe("GET");
        UrlRedaction.Default.Redact(clean).ShouldBeSameAs(clean);
    }

    [Theory]
    [InlineData("session_id")]
    [InlineData("x-signature")]
    public void ProblemWithName_ParameterName_IsNull(string name)
    {
        UrlRedaction.ProblemWithName(name).ShouldBeNull();
    }

    [Theory]
    [InlineData("", "found nothing")]
    [InlineData("a b", "found 'a b'")]
    [InlineData("a=b", "found 'a=b'")]
    [InlineData("a&b", "found 'a&b'")]
    public void ProblemWithName_NotAParameterName_SaysWhatWasFound(string name, string problem)
    {
        UrlRedaction.ProblemWithName(name).ShouldNotBeNull().ShouldContain(problem);
    }
}
