using System.Text;
using BenchmarkDotNet.Attributes;
using Jint.Native;
using Stampede.K6.Modules;
using Stampede.K6.Runtime;
using Stampede.K6.Scripts;
using Stampede.Protocols.Http;

namespace Stampede.Benchmarks;

/// <summary>
/// What a k6 script's VU costs: building its Jint engine with the script's modules (the memory a sleeping VU keeps,
/// bench/k6-script.sh's 1,000-VU row), and turning one HTTP response into k6's response object and reading its
/// status, as a <c>check</c> does (a share of every scripted request).
/// </summary>
[MemoryDiagnoser]
public class K6VuBenchmarks
{
    private const string Script = """
        import http from 'k6/http';
        import { check, sleep } from 'k6';

        export default function () {
          const res = http.get('http://127.0.0.1:8080/');
          check(res, { 'status is 200': (r) => r.status === 200 });
          sleep(0);
        }
        """;

    private string _folder = null!;
    private K6Script _script = null!;
    private VuRuntime _vu = null!;
    private HttpResponse _response = null!;
    private HttpRequestSpec _spec = null!;
    private int _vuId;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("stampede-bench-k6-").FullName;
        var file = Path.Combine(_folder, "script.js");
        File.WriteAllText(file, Script);
        var errors = new List<Plans.PlanError>();
        _script = new K6Script(ScriptSources.Load(file, errors), new Dictionary<string, string>());
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(errors[0].Message);
        }

        _vu = new VuRuntime(_script, 1);
        _vu.Init();
        var head = "HTTP/1.1 200 OK\r\nServer: nginx\r\nDate: Mon, 07 Dec 2026 12:00:00 GMT\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\n"u8.ToArray();
        _response = new HttpResponse(null, head) { Status = 200, Proto = "HTTP/1.1", BodyBytes = Encoding.UTF8.GetBytes("ok") };
        _spec = new HttpRequestSpec(HttpMethod.Get, "http://127.0.0.1:8080/");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _vu.Dispose();
        _script.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public void VuEngine()
    {
        using var vu = new VuRuntime(_script, ++_vuId);
        vu.Init();
    }

    [Benchmark]
    public JsValue ResponseStatus() => ResponseObject.Create(_vu.Scope!, _response, _spec).Get("status");
}
