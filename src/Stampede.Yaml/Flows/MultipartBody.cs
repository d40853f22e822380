using System.Text;
using Stampede.Data.Templates;
using Stampede.Protocols.Http;

namespace Stampede.Yaml.Flows;

/// <summary>
/// <c>multipart:</c> — a <c>multipart/form-data</c> body: text fields (templates, rendered each request) and files
/// (read when the plan loads, sent as they are), in the order written.
/// </summary>
internal sealed record MultipartBody(string Boundary, IReadOnlyList<MultipartPart> Parts)
{
    public HttpBody Render(TemplateScope scope)
    {
        using var body = new MemoryStream();
        foreach (var part in Parts)
        {
            var head = new StringBuilder().Append("--").Append(Boundary).Append("\r\n")
                .Append("Content-Disposition: form-data; name=\"").Append(Quoted(part.Name)).Append('"');
            if (part.File is { } file)
            {
                head.Append("; filename=\"").Append(Quoted(file.FileName)).Append("\"\r\nContent-Type: ").Append(file.ContentType);
            }

            head.Append("\r\n\r\n");
            body.Write(Encoding.UTF8.GetBytes(head.ToString()));
            body.Write(part.File is { } f ? f.Bytes : Encoding.UTF8.GetBytes(part.Value!.Render(scope)));
            body.Write("\r\n"u8);
        }

        body.Write(Encoding.ASCII.GetBytes($"--{Boundary}--\r\n"));
        return HttpBody.Raw(body.ToArray(), $"multipart/form-data; boundary={Boundary}");
    }

    // RFC 7578: names and file names are quoted strings; a quote or line break in one would end the header.
    private static string Quoted(string text) => text.Replace("\"", "%22", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);
}

/// <summary>One part of a multipart body: a text field (<see cref="Value"/>) or a file.</summary>
internal sealed record MultipartPart(string Name, Template? Value, MultipartFile? File);

/// <summary>A file part: the name it is sent under, its content type and its bytes.</summary>
internal sealed record MultipartFile(string FileName, string ContentType, byte[] Bytes);
