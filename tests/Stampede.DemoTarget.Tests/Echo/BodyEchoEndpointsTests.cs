using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Shouldly;
using Stampede.DemoTarget.Tests.Support;

namespace Stampede.DemoTarget.Tests.Echo;

public sealed class BodyEchoEndpointsTests
{
    [Fact]
    public async Task Echo_BinaryBody_AnswersItsLengthAndHashWithoutText()
    {
        await using var server = await DemoTargetServer.StartAsync(DemoTargetFixture.FastOptions);
        using var client = DemoTargetFixture.CreateClient(server);
        byte[] bytes = [0, 1, 2, 255, 254];
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        var echo = await EchoAsync(client, content);

        echo.GetProperty("bytes").GetInt32().ShouldBe(5);
        echo.GetProperty("sha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        echo.GetProperty("text").ValueKind.ShouldBe(JsonValueKind.Null);
        echo.GetProperty("contentType").GetString().ShouldBe("application/octet-stream");
    }

    [Fact]
    public async Task Echo_GzipBody_IsDecompressedBeforeItIsEchoed()
    {
        await using var server = await DemoTargetServer.StartAsync(DemoTargetFixture.FastOptions);
        using var client = DemoTargetFixture.CreateClient(server);
        using var zipped = new MemoryStream();
        await using (var gzip = new GZipStream(zipped, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write("""{"hello":"world"}"""u8);
        }

        var content = new ByteArrayContent(zipped.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");

        var echo = await EchoAsync(client, content);

        echo.GetProperty("contentEncoding").GetString().ShouldBe("gzip");
        echo.GetProperty("text").GetString().ShouldBe("""{"hello":"world"}""");
        echo.GetProperty("bytes").GetInt32().ShouldBe(17);
    }

    [Fact]
    public async Task Echo_MultipartBody_AnswersFieldsAndFiles()
    {
        await using var server = await DemoTargetServer.StartAsync(DemoTargetFixture.FastOptions);
        using var client = DemoTargetFixture.CreateClient(server);
        var file = new ByteArrayContent([137, 80, 78, 71]);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var content = new MultipartFormDataContent { { new StringContent("caption one"), "caption" }, { file, "file", "a.png" } };

        var echo = await EchoAsync(client, content);

        echo.GetProperty("fields").GetProperty("caption").GetString().ShouldBe("caption one");
        var part = echo.GetProperty("files").EnumerateArray().ShouldHaveSingleItem();
        part.GetProperty("name").GetString().ShouldBe("file");
        part.GetProperty("fileName").GetString().ShouldBe("a.png");
        part.GetProperty("contentType").GetString().ShouldBe("image/png");
        part.GetProperty("bytes").GetInt32().ShouldBe(4);
    }

    [Fact]
    public async Task Echo_BadGzip_Is400()
    {
        await using var server = await DemoTargetServer.StartAsync(DemoTargetFixture.FastOptions);
        using var client = DemoTargetFixture.CreateClient(server);
        var content = new StringContent("not gzip", Encoding.UTF8);
        content.Headers.ContentEncoding.Add("gzip");

        var response = await client.PostAsync("api/echo", content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static async Task<JsonElement> EchoAsync(HttpClient client, HttpContent content)
    {
        var response = await client.PostAsync("api/echo", content);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
