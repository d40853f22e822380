using System.Text.Json;
using Shouldly;
using Stampede.Protocols;
using Xunit;

namespace Stampede.Tests.Protocols;

/// <summary>The one JSON path of checks, captures, stream values and LLM formats, read as a table.</summary>
public sealed class JsonPathTests
{
    private static readonly JsonElement Document = JsonDocument.Parse(
        """{"choices":[{"delta":{"content":"hi"}}],"usage":null,"m":[[1,2],[3,4]],"items":[{"id":"a"},{"id":"b"},{"id":"c"}],"a.b":1}""").RootElement;

    private static readonly JsonElement Array = JsonDocument.Parse("""[{"name":"first"},{"name":"last"}]""").RootElement;

    [Theory]
    [InlineData("choices[0].delta.content", "hi")]
    [InlineData("$.choices[0].delta.content", "hi")]
    [InlineData(".choices[0].delta.content", "hi")]
    [InlineData("items[-1].id", "c")]
    [InlineData("items[-3].id", "a")]
    [InlineData("items[-4].id", null)]
    [InlineData("items[3].id", null)]
    [InlineData("choices[1].delta.content", null)]
    [InlineData("usage.prompt_tokens", null)]
    [InlineData("nothing", null)]
    [InlineData("choices.delta", null)]
    public void GetString_Path_FindsTheValueOrNull(string path, string? expected) =>
        JsonPath.Parse(path).GetString(Document).ShouldBe(expected);

    [Theory]
    [InlineData("[0].name", "first")]
    [InlineData("[-1].name", "last")]
    [InlineData("$[1].name", "last")]
    public void GetString_RootIsAnArray_IndexesIt(string path, string expected) =>
        JsonPath.Parse(path).GetString(Array).ShouldBe(expected);

    [Theory]
    [InlineData("m[1][0]", 3)]
    [InlineData("m[-1][-1]", 4)]
    [InlineData("m[0][1]", 2)]
    public void GetInt64_NestedIndexes_CountFromEitherEnd(string path, long expected) =>
        JsonPath.Parse(path).GetInt64(Document).ShouldBe(expected);

    [Fact]
    public void TryGet_MemberPresentButNull_IsFoundWithKindNull()
    {
        JsonPath.Parse("usage").TryGet(Document, out var value).ShouldBeTrue();
        value.ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void TryGet_MemberMissing_IsNotFound() => JsonPath.Parse("usage.total").TryGet(Document, out _).ShouldBeFalse();

    [Theory]
    [InlineData("a..b", "expected a name at position 3")]
    [InlineData("a[x]", "expected a whole-number index such as [0] or [-1] at position 2")]
    [InlineData("a[1", "at position 2")]
    [InlineData("a[1.5]", "at position 2")]
    [InlineData("a[0]b", "unexpected 'b' at position 5")]
    [InlineData("", "expected at least one name or index")]
    [InlineData("$", "expected at least one name or index")]
    [InlineData("a.", "expected a name at position 3")]
    public void TryParse_Malformed_SaysWhatAndWhere(string path, string message)
    {
        JsonPath.TryParse(path, out var parsed, out var error).ShouldBeFalse();
        parsed.ShouldBeNull();
        error.ShouldContain(message);
        Should.Throw<FormatException>(() => JsonPath.Parse(path)).Message.ShouldBe(error);
    }
}
