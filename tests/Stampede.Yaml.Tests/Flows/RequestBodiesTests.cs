using Stampede.Execution;
using Stampede.Plans;
using Stampede.Yaml.Tests.Streaming;

namespace Stampede.Yaml.Tests.Flows;

/// <summary>Bodies that are not text — multipart files, a file's bytes, base64, gzip — as the demo target's echo receives them.</summary>
public sealed class RequestBodiesTests(DemoTargetFixture target) : IClassFixture<DemoTargetFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stampede-bodies-").FullName;

    [Fact]
    public async Task RunAsync_MultipartWithFileAndField_ArrivesAsFormData()
    {
        File.WriteAllBytes(Path.Combine(_folder, "a.png"), [137, 80, 78, 71, 13, 10]);
        var result = await RunAsync("""
            - post: /api/echo
              multipart:
                caption: "vu {{ vu.id }}"
                file: { path: a.png, contentType: image/png }
              check:
                status: 200
                "json.fields.caption": "vu 1"
                "json.files[0].name": file
                "json.files[0].fileName": a.png
                "json.files[0].contentType": image/png
                "json.files[0].bytes": 6
            """);

        result.Checks.Count.ShouldBe(6);
        result.Checks.Where(c => c.Fails > 0 || c.Passes != 1).ShouldBeEmpty();
    }

    [Fact]
    public async Task RunAsync_BodyFile_SendsTheFileBytesUnchanged()
    {
        byte[] bytes = [0, 255, 1, 254, 2];
        File.WriteAllBytes(Path.Combine(_folder, "payload.bin"), bytes);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        var result = await RunAsync($$"""
            - post: /api/echo
              bodyFile: payload.bin
              check: { status: 200, "json.bytes": 5, "json.sha256": "{{hash}}", "json.contentType": application/octet-stream }
            - post: /api/echo?form=base64
              body: { base64: AP8B/gI= }
              contentType: application/x-demo
              check: { "json.sha256": "{{hash}}", "json.contentType": application/x-demo }
            """);

        result.Checks.Count.ShouldBe(6);
        result.Checks.Where(c => c.Fails > 0 || c.Passes != 1).ShouldBeEmpty();
    }

    [Fact]
    public async Task RunAsync_GzipJsonAndGzipFile_AreCompressedAndSaidToBe()
    {
        File.WriteAllText(Path.Combine(_folder, "big.json"), """{"items":[1,2,3]}""");
        var result = await RunAsync("""
            - post: /api/echo
              json: { hello: world }
              gzip: true
              check: { status: 200, "json.contentEncoding": gzip, "json.text": '{"hello":"world"}' }
            - post: /api/echo?form=file
              bodyFile: big.json
              contentType: application/json
              gzip: true
              check: { "json.contentEncoding": gzip, "json.text": '{"items":[1,2,3]}' }
            """);

        result.Checks.Count.ShouldBe(5);
        result.Checks.Where(c => c.Fails > 0 || c.Passes != 1).ShouldBeEmpty();
    }

    [Fact]
    public void Load_MissingFile_IsALocatedError()
    {
        var result = YamlPlanLoader.LoadText("""
            name: t
            scenarios:
              a:
                flow:
                  - post: /api/echo
                    multipart: { file: { path: nowhere.png } }
            """, "t.yaml", _folder);

        var error = result.Errors.ShouldHaveSingleItem();
        error.Message.ShouldContain("file 'nowhere.png' not found");
        error.Location!.Line.ShouldBe(6);
    }

    private async Task<Stampede.Metrics.RunResult> RunAsync(string steps)
    {
        var indented = string.Join("\n", steps.Split('\n').Select(l => "          " + l));
        var yaml = $"""
            name: t
            baseUrl: {target.Server.BaseAddress.ToString().TrimEnd('/')}
            scenarios:
              a:
                executor: per-vu-iterations
                flow:
            {indented}
            """;
        var loaded = YamlPlanLoader.LoadText(yaml, "t.yaml", _folder);
        loaded.Errors.ShouldBeEmpty();
        return await new Engine().RunAsync(loaded.Plan!);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
