using System.IO.Compression;
using Stampede.Protocols.Http;

namespace Stampede.Yaml.Flows;

/// <summary><c>gzip: true</c> — the request body compressed, sent with <c>Content-Encoding: gzip</c>.</summary>
internal static class GzipBody
{
    public static HttpBody Compress(HttpBody body)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(body.Bytes.Span);
        }

        return HttpBody.Raw(compressed.ToArray(), body.ContentType);
    }
}
