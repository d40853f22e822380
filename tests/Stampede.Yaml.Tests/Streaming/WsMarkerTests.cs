using Stampede.Yaml.Flows;

namespace Stampede.Yaml.Tests.Streaming;

public sealed class WsMarkerTests
{
    [Theory]
    [InlineData("end", true)]
    [InlineData(" end \n", true)]
    [InlineData("""{"type":"end","turn":1}""", true)]
    [InlineData("""{"event":"end"}""", true)]
    [InlineData("""{"type":"token","token":"end"}""", false)]
    [InlineData("""{"type":"en""", false)]
    [InlineData("ending", false)]
    public void Matches_Text_IsTheMarkerOrATypedObject(string text, bool expected) =>
        new WsMarker("end").Matches(text).ShouldBe(expected);
}
