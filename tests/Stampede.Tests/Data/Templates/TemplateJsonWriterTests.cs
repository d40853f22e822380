using System.Collections;
using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shouldly;
using Stampede.Data.Templates;
using Xunit;

namespace Stampede.Tests.Data.Templates;

public sealed class TemplateJsonWriterTests
{
    public static TheoryData<object> Values() => new()
    {
        new Dictionary<string, object?> { ["name"] = "Ann \"A\" é", ["roles"] = new List<string> { "user", "admin" }, ["none"] = null },
        new Dictionary<string, object?> { ["n"] = 3, ["l"] = -4L, ["d"] = 0.1, ["f"] = 1.5f, ["m"] = 2.50m, ["b"] = true, ["u"] = (byte)7 },
        new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" },
        new Dictionary<int, string> { [1] = "one" },
        new Hashtable { ["k"] = "v" },
        new object?[] { 1, "two", null, new[] { 3.25 }, Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e") },
        new List<DateTimeOffset> { new(2025, 3, 14, 15, 9, 26, 535, TimeSpan.FromHours(1)) },
        new List<object> { JsonDocument.Parse("""{ "a" : [ 1, 2 ] }""").RootElement, JsonNode.Parse("""{"b":true}""")! },
        new Dictionary<string, string> { ["x"] = "y" }.ToFrozenDictionary(),
        new ArrayList { 'c', 1u, 2UL, (short)-3 },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void ToJson_JsonShapedValue_SameTextAsTheSerializer(object value)
    {
        TemplateJsonWriter.ToJson(value).ShouldBe(JsonSerializer.Serialize(value));
    }

    [Fact]
    public void ToJson_PlainObjectInAList_WritesItsPropertiesWhereReflectionIsEnabled()
    {
        var value = new List<object> { new { Id = 1, Name = "a" } };

        TemplateJsonWriter.ToJson(value).ShouldBe("""[{"Id":1,"Name":"a"}]""");
    }
}
