using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stampede.Tests.TestServers;

namespace Stampede.Tests.Protocols.Http;

public enum TestServerProtocol
{
    Http1,
    Http2Cleartext,
    Https,
}

/// <summary>A Kestrel server on 127.0.0.1, port 0, with the endpoints the HTTP protocol tests need.</summary>
public sealed class TestHttpServer : IAsyncDisposable
{
    public const int HeaderDelayMs = 100;
    public const int BodyDelayMs = 80;

    private readonly WebApplication _app;

    private TestHttpServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Url(string path) => new Uri(BaseAddress, path).AbsoluteUri;

    public static async Task<TestHttpServer> StartAsync(TestServerProtocol protocol)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (protocol == TestServerProtocol.Https)
        {
            // The slim builder leaves HTTPS out unless asked for.
            builder.WebHost.UseKestrelHttpsConfiguration();
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Protocols = protocol switch
            {
                TestServerProtocol.Http2Cleartext => HttpProtocols.Http2,
                TestServerProtocol.Https => HttpProtocols.Http1AndHttp2,
                _ => HttpProtocols.Http1,
            });
            if (protocol == TestServerProtocol.Https)
            {
                kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = CreateSelfSignedCertificate());
            }
        });

        var app = builder.Build();
        app.Urls.Add(protocol == TestServerProtocol.Https ? "https://127.0.0.1:0" : "http://127.0.0.1:0");
        MapEndpoints(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new TestHttpServer(app, new Uri(address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static X509Certificate2 CreateSelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.MapGet("/hello", () => "hello");
        app.MapGet("/proto", (HttpContext context) => context.Request.Protocol);
        app.MapGet("/user-agent", (HttpContext context) => context.Request.Headers.UserAgent.ToString());
        app.MapGet("/status/{code:int}", (int code) => Results.StatusCode(code));
        app.MapGet("/bytes/{count:int}", (int count) => Results.Bytes(new byte[count], "application/octet-stream"));
        app.MapGet("/chunked/{count:int}", async (HttpContext context, int count) =>
        {
            // No Content-Length: Kestrel sends it chunked (HTTP/1.1) or as bare DATA frames (HTTP/2).
            for (var i = 0; i < count; i++)
            {
                await context.Response.WriteAsync("x");
                await context.Response.Body.FlushAsync();
            }
        });
        app.MapGet("/delayed", async (HttpContext context) =>
        {
            await ServerDelay.AtLeastAsync(HeaderDelayMs);
            context.Response.ContentType = "text/plain";
            await context.Response.StartAsync();
            await context.Response.Body.FlushAsync();
            await ServerDelay.AtLeastAsync(BodyDelayMs);
            await context.Response.WriteAsync("delayed body");
        });
        app.MapGet("/slow/{ms:int}", async (HttpContext context, int ms) =>
        {
            try
            {
                await Task.Delay(ms, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await context.Response.WriteAsync("slow");
        });
        app.MapGet("/abort", (HttpContext context) => context.Abort());
        app.MapGet("/cookies/set/{name}/{value}", (HttpContext context, string name, string value) =>
        {
            context.Response.Cookies.Append(name, value);
            return "set";
        });
        app.MapGet("/cookies", (HttpContext context) => context.Request.Headers.Cookie.ToString());
        app.MapGet("/redirect/{hops:int}", (int hops) =>
            hops > 0 ? Results.Redirect($"/redirect/{hops - 1}") : Results.Text("landed"));
        app.MapGet("/redirect/ftp", () => Results.Redirect("ftp://127.0.0.1/pub/file.txt"));
        app.MapGet("/redirect/file", () => Results.Redirect("file:///etc/hostname"));
        app.MapPost("/redirect/see-other", () => Results.Redirect("/echo"));
        app.MapPost("/redirect/temporary", () => Results.Redirect("/echo", permanent: false, preserveMethod: true));
        app.Map("/echo", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            context.Response.Headers["X-Method"] = context.Request.Method;
            context.Response.Headers["X-Content-Type"] = context.Request.ContentType ?? "";
            context.Response.ContentType = "application/octet-stream";
            await context.Response.Body.WriteAsync(body.ToArray());
        });
    }
}
