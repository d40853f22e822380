using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Stampede.DemoTarget.Hosting;

namespace Stampede.DemoTarget.Echo;

/// <summary>
/// <c>POST /api/echo</c> says what body it received, so a client can see its bodies arrive as it meant them: a
/// gzip body (<c>Content-Encoding: gzip</c>) is decompressed first; multipart form data answers its fields and files;
/// any other body answers its length, SHA-256 and, for text and JSON, its text.
/// </summary>
internal static class BodyEchoEndpoints
{
    /// <summary>Bodies past this (after decompression) are refused, so the echo cannot be made to hold much memory.</summary>
    private const int MaxBodyBytes = 8 * 1024 * 1024;

    public static void Map(IEndpointRouteBuilder app) => app.MapPost("/api/echo", EchoAsync);

    private static async Task<IResult> EchoAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var encoding = request.Headers.ContentEncoding.ToString();
        if (encoding.Length > 0 && !encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Json(new ErrorResponse("unsupported_encoding", $"Content-Encoding '{encoding}' is not supported; send gzip or none."),
                DemoJsonContext.Default.ErrorResponse, statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        byte[] body;
        try
        {
            body = await ReadAsync(encoding.Length > 0 ? new GZipStream(request.Body, CompressionMode.Decompress) : request.Body, cancellationToken);
        }
        catch (InvalidDataException)
        {
            return Results.Json(new ErrorResponse("bad_gzip", "The body is not valid gzip."), DemoJsonContext.Default.ErrorResponse, statusCode: StatusCodes.Status400BadRequest);
        }

        if (body.Length > MaxBodyBytes)
        {
            return Results.Json(new ErrorResponse("too_large", $"Bodies up to {MaxBodyBytes} bytes are echoed."), DemoJsonContext.Default.ErrorResponse,
                statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var contentType = request.ContentType ?? "";
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = new List<EchoFile>();
        if (request.HasFormContentType)
        {
            // The form is read from the decompressed bytes, so a gzip multipart body is parsed as well.
            request.Body = new MemoryStream(body);
            var form = await request.ReadFormAsync(cancellationToken);
            foreach (var (name, values) in form)
            {
                fields[name] = values.ToString();
            }

            foreach (var file in form.Files)
            {
                await using var stream = file.OpenReadStream();
                var bytes = await ReadAsync(stream, cancellationToken);
                files.Add(new EchoFile(file.Name, file.FileName, file.ContentType, bytes.Length, Hash(bytes)));
            }
        }

        var isText = contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || contentType.Contains("json", StringComparison.OrdinalIgnoreCase);
        return Results.Ok(new EchoResponse(contentType, encoding.Length == 0 ? null : encoding, body.Length, Hash(body),
            isText ? Encoding.UTF8.GetString(body) : null, fields, files));
    }

    private static async Task<byte[]> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                break;
            }
        }

        return buffer.ToArray();
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

/// <summary>What <c>/api/echo</c> received: the body as sent (after gzip), and a form's fields and files.</summary>
internal sealed record EchoResponse(string ContentType, string? ContentEncoding, int Bytes, string Sha256, string? Text, Dictionary<string, string> Fields, List<EchoFile> Files);

/// <summary>One file of a multipart body: its field name, file name, content type, length and SHA-256.</summary>
internal sealed record EchoFile(string Name, string FileName, string ContentType, int Bytes, string Sha256);
