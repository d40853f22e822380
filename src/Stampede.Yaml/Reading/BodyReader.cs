using System.Security.Cryptography;
using System.Text;
using Stampede.Protocols.Http;
using Stampede.Yaml.Flows;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>
/// Reads the request bodies that are not text: <c>multipart:</c> fields and files, <c>bodyFile:</c> and
/// <c>body: { base64: … }</c>. Files are read when the plan loads, relative to the plan file, so a missing one is a
/// located error and no request reads a disk.
/// </summary>
internal sealed class BodyReader(PlanReader reader, TemplateReader templates)
{
    /// <summary>Bodies are held in memory for the whole run; past this a plan is more likely wrong than meant.</summary>
    private const long MaxFileBytes = 64L * 1024 * 1024;

    public MultipartBody? Multipart(YamlNode node, string path)
    {
        var parts = new List<MultipartPart>();
        var ok = true;
        var entries = reader.Mapping(node, path, null, "multipart parts { field: text, file: { path, contentType, filename } }");
        foreach (var (name, _, value) in entries)
        {
            var at = PlanReader.Join(path, name);
            if (value is YamlMappingNode)
            {
                var get = reader.Mapping(value, at, PlanKeys.MultipartFile, "a file part { path, contentType, filename }").ToDictionary(e => e.Key, e => e.Value);
                if (!get.TryGetValue("path", out var p))
                {
                    reader.Missing(at, "path", "a file part needs its path: { path: data/a.png }", value);
                    ok = false;
                    continue;
                }

                var file = reader.Text(p, at + ".path", "a file path");
                var bytes = file is null ? null : Read(file, p, at + ".path");
                var contentType = get.TryGetValue("contentType", out var c) ? reader.Text(c, at + ".contentType") : "application/octet-stream";
                var fileName = get.TryGetValue("filename", out var f) ? reader.Text(f, at + ".filename") : file is null ? null : Path.GetFileName(file);
                if (bytes is null || contentType is null || fileName is null)
                {
                    ok = false;
                    continue;
                }

                parts.Add(new MultipartPart(name, null, new MultipartFile(fileName, contentType, bytes)));
            }
            else if (templates.Parse(value, at, "a field's text, or a file { path, contentType }") is { } text)
            {
                parts.Add(new MultipartPart(name, text, null));
            }
            else
            {
                ok = false;
            }
        }

        if (node is YamlMappingNode { Children.Count: 0 })
        {
            reader.Error(path, "expected at least one part: multipart: { field: text, file: { path: data/a.png } }", node);
            return null;
        }

        return ok && parts.Count > 0 ? new MultipartBody(Boundary(path), parts) : null;
    }

    public HttpBody? File(YamlNode node, string path, string? contentType)
    {
        var file = reader.Text(node, path, "a file path");
        return file is not null && Read(file, node, path) is { } bytes ? HttpBody.Raw(bytes, contentType ?? "application/octet-stream") : null;
    }

    public HttpBody? Base64(YamlNode node, string path, string? contentType)
    {
        var get = reader.Mapping(node, path, ["base64"], "a body: text, or { base64: … } for bytes").ToDictionary(e => e.Key, e => e.Value);
        if (!get.TryGetValue("base64", out var b))
        {
            if (node is YamlMappingNode { Children.Count: 0 })
            {
                reader.Error(path, "expected { base64: … }", node);
            }

            return null;
        }

        var text = reader.Text(b, path + ".base64", "base64 text");
        if (text is null)
        {
            return null;
        }

        try
        {
            return HttpBody.Raw(Convert.FromBase64String(text.Trim()), contentType ?? "application/octet-stream");
        }
        catch (FormatException)
        {
            reader.Error(path + ".base64", "expected base64 text (A-Z, a-z, 0-9, +, /, = padding)", b);
            return null;
        }
    }

    private byte[]? Read(string file, YamlNode node, string path)
    {
        var full = Path.GetFullPath(Path.Combine(reader.DirectoryOf(node), file));
        if (!System.IO.File.Exists(full))
        {
            reader.Error(path, $"file '{file}' not found (paths are relative to the plan file)", node);
            return null;
        }

        if (new FileInfo(full).Length > MaxFileBytes)
        {
            reader.Error(path, $"file '{file}' is larger than {MaxFileBytes / (1024 * 1024)} MB; a body is held in memory for the whole run", node);
            return null;
        }

        return System.IO.File.ReadAllBytes(full);
    }

    // Derived from the step's place, so the same plan sends the same bytes run after run.
    private static string Boundary(string path) =>
        "stampede-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path)))[..24];
}
