using System.Net;
using System.Text;
using Shouldly;
using Stampede.Protocols.Http;
using Xunit;

namespace Stampede.Tests.Protocols.Http;

public sealed class HttpResponseTests
{
    private sealed record Person(string Name, int Age);

    [Fact]
    public void Headers_ResponseAndContent_CaseInsensitiveAndJoined()
    {
        using var message = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("x") };
        message.Headers.TryAddWithoutValidation("X-Many", ["a", "b"]);
        var response = new HttpResponse(message);

        response.Headers["x-many"].ShouldBe("a, b");
        response.Headers["CONTENT-TYPE"].ShouldStartWith("text/plain");
    }

    [Fact]
    public void Headers_NoResponse_Empty()
    {
        new HttpResponse(null).Headers.ShouldBeEmpty();
    }

    [Fact]
    public void Json_Typed_CaseInsensitive()
    {
        var response = new HttpResponse(null) { BodyBytes = Encoding.UTF8.GetBytes("""{"NAME":"Ada","age":36}""") };

        response.Json<Person>().ShouldBe(new Person("Ada", 36));
        response.Json().GetProperty("age").GetInt32().ShouldBe(36);
        response.Body.ShouldContain("Ada");
    }

    [Fact]
    public void Json_WithTypeInfo_ReadsWithThatMetadata()
    {
        var response = new HttpResponse(null) { BodyBytes = Encoding.UTF8.GetBytes("""{"NAME":"Ada","age":36}""") };

        response.Json(HttpJsonTestTypes.HttpContext.Default.Person).ShouldBe(new HttpJsonTestTypes.Person("Ada", 36));
        new HttpResponse(null).Json(HttpJsonTestTypes.HttpContext.Default.Person).ShouldBeNull();
    }

    [Fact]
    public void Json_EmptyBody_Default()
    {
        new HttpResponse(null).Json<Person>().ShouldBeNull();
    }
}
