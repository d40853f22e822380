using Stampede.Metrics;

namespace Stampede.Yaml.Tests;

public sealed class PlanTextRedactionTests
{
    [Theory]
    [InlineData("    Authorization: Bearer abc123", "    Authorization: [REDACTED]")]
    [InlineData("    authorization: \"Bearer abc\"  # the CI key", "    authorization: [REDACTED]  # the CI key")]
    [InlineData("  Cookie: session=abc; theme=dark", "  Cookie: [REDACTED]")]
    [InlineData("  X-Api-Key: 'k-1'", "  X-Api-Key: [REDACTED]")]
    [InlineData("        apiKey: sk-live-123", "        apiKey: [REDACTED]")]
    [InlineData("  - token: abc", "  - token: [REDACTED]")]
    [InlineData("headers: { Authorization: \"Bearer abc\", Accept: text/plain }", "headers: { Authorization: [REDACTED], Accept: text/plain }")]
    [InlineData("json: { user: alice, password: hunter2, pin: 1234 }", "json: { user: alice, password: [REDACTED], pin: 1234 }")]
    [InlineData("query: { q: shoes, api_key: k, token: t }", "query: { q: shoes, api_key: [REDACTED], token: [REDACTED] }")]
    [InlineData("  - get: /search?q=x&api_key=abc", "  - get: /search?q=x&api_key=[REDACTED]")]
    [InlineData("baseUrl: https://ops:pw@example.test/", "baseUrl: https://[REDACTED]@example.test/")]
    [InlineData("  Authorization: Bearer abc\r", "  Authorization: [REDACTED]\r")]
    [InlineData("        apiKey: \"${DEMO_API_KEY:-sk-demo-unset}\"", "        apiKey: \"${DEMO_API_KEY:-[REDACTED]}\"")]
    public void Redact_CredentialSetting_MasksItsValue(string line, string expected)
    {
        PlanTextRedaction.Redact(line, UrlRedaction.Default).ShouldBe(expected);
    }

    [Theory]
    [InlineData("        apiKey: \"${DEMO_API_KEY}\"")]
    [InlineData("baseUrl: ${BASE_URL:-http://127.0.0.1:5000}")]
    [InlineData("  Authorization: \"Bearer {{ vars.token }}\"")]
    [InlineData("headers: { Authorization: \"Bearer ${TOKEN}\" }")]
    [InlineData("  headers:")]
    [InlineData("  token: |")]
    [InlineData("      - get: /api/health")]
    [InlineData("  tokens: 300")]
    [InlineData("json: { pin: 1234 }")]
    public void Redact_NoLiteralCredential_KeepsTheLine(string line)
    {
        PlanTextRedaction.Redact(line, UrlRedaction.Default).ShouldBe(line);
    }

    [Fact]
    public void Redact_PlanListedName_MasksItInUrlsAndQueryMaps()
    {
        var text = "redact: [session_ref]\n  - get: /a?session_ref=s1\n    query: { session_ref: s2 }\n";

        PlanTextRedaction.Redact(text, new UrlRedaction(["session_ref"]))
            .ShouldBe("redact: [session_ref]\n  - get: /a?session_ref=[REDACTED]\n    query: { session_ref: [REDACTED] }\n");
    }
}
