using System.Text;
using Shouldly;
using Stampede.Protocols.Http;
using Xunit;

namespace Stampede.Tests.Protocols.Http;

public sealed class HttpBodyTests
{
    [Fact]
    public void Json_Object_SerialisedCamelCase()
    {
        var body = HttpBody.Json(new { FirstName = "Ada" });

        Encoding.UTF8.GetString(body.Bytes.Span).ShouldBe("""{"firstName":"Ada"}""");
        body.ContentType.ShouldBe("application/json");
    }

    [Fact]
    public void Json_WithTypeInfo_SerialisedWithThatMetadata()
    {
        var body = HttpBody.Json(new HttpJsonTestTypes.Person("Ada", 36), HttpJsonTestTypes.HttpContext.Default.Person);

        Encoding.UTF8.GetString(body.Bytes.Span).ShouldBe("""{"name":"Ada","age":36}""");
        body.ContentType.ShouldBe("application/json");
    }

    [Fact]
    public void Json_String_SentVerbatim()
    {
        Encoding.UTF8.GetString(HttpBody.Json("[1, 2]").Bytes.Span).ShouldBe("[1, 2]");
    }

    [Fact]
    public void Form_Fields_EscapedInOrder()
    {
        var body = HttpBody.Form([new("b", "x=y"), new("a", "é")]);

        Encoding.ASCII.GetString(body.Bytes.Span).ShouldBe("b=x%3Dy&a=%C3%A9");
        body.ContentType.ShouldBe("application/x-www-form-urlencoded");
    }

    [Fact]
    public async Task CreateContent_Raw_CarriesBytesAndContentType()
    {
        var content = HttpBody.Raw("hi", "text/plain; charset=utf-8").CreateContent();

        (await content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("hi");
        content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
    }
}
