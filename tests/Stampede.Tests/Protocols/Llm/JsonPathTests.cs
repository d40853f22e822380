using System.Text.Json;
using Shouldly;
using Stampede.Protocols.Llm;
using Xunit;

namespace Stampede.Tests.Protocols.Llm;

public sealed class JsonPathTests
{
    private static readonly JsonElement Chunk = JsonDocument.Parse(
        """{"choices":[{"delta":{"content":"hi"}}],"usage":null,"m":[[1,2],[3,4]]}""").RootElement;

    [Theory]
    [InlineData("choices[0].delta.content", "hi")]
    [InlineData("$.choices[0].delta.content", "hi")]
    [InlineData("choices[1].delta.content", null)]
    [InlineData("usage.prompt_tokens", null)]
    [InlineData("nothing", null)]
    public void GetString_Path_FindsTheValueOrNull(string path, string? expected) =>
        JsonPath.Parse(path).GetString(Chunk).ShouldBe(expected);

    [Fact]
    public void GetInt64_NestedIndexes_Work() => JsonPath.Parse("m[1][0]").GetInt64(Chunk).ShouldBe(3);

    [Theory]
    [InlineData("a..b")]
    [InlineData("a[x]")]
    [InlineData("a[1")]
    public void Parse_Malformed_Throws(string path) => Should.Throw<FormatException>(() => JsonPath.Parse(path));
}
