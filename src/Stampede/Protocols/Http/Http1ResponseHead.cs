using System.Buffers.Text;
using System.Text;

namespace Stampede.Protocols.Http;

/// <summary>
/// The parts of an HTTP/1.x response head the lean client acts on, parsed from the bytes without allocating.
/// The full header set is parsed only if user code asks for <see cref="HttpResponse.Headers"/>.
/// </summary>
internal readonly record struct Http1ResponseHead
{
    /// <summary>Bigger heads are a protocol error (the handler's default limit is 64 KB too).</summary>
    public const int MaxLength = 64 * 1024;

    private static ReadOnlySpan<byte> HeadEnd => "\r\n\r\n"u8;

    public int Status { get; init; }

    /// <summary>Bytes up to and including the blank line.</summary>
    public int Length { get; init; }

    /// <summary>-1 when the response has no Content-Length.</summary>
    public long ContentLength { get; init; }

    public bool Chunked { get; init; }

    /// <summary>The server will close the connection after this response (Connection: close, or HTTP/1.0 without keep-alive).</summary>
    public bool Close { get; init; }

    public bool HasSetCookie { get; init; }

    /// <summary>
    /// Parses a complete head from the start of <paramref name="data"/>.
    /// </summary>
    /// <returns>False when the head is not complete yet.</returns>
    /// <exception cref="HttpIOException">The bytes are not an HTTP/1.x response head.</exception>
    public static bool TryParse(ReadOnlySpan<byte> data, out Http1ResponseHead head)
    {
        head = default;
        var end = data.IndexOf(HeadEnd);
        if (end < 0)
        {
            if (data.Length >= MaxLength)
            {
                throw Invalid("the response head is larger than 64 KB");
            }

            return false;
        }

        var lines = data[..(end + 2)];
        var eol = lines.IndexOf("\r\n"u8);
        var statusLine = lines[..eol];

        // "HTTP/1.1 200 OK": version, space, three digits, then an optional reason.
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || statusLine[8] != (byte)' '
            || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out var consumed) || consumed != 3
            || (statusLine.Length > 12 && statusLine[12] != (byte)' '))
        {
            throw Invalid("malformed status line");
        }

        var http10 = statusLine[7] == (byte)'0';
        long contentLength = -1;
        bool chunked = false, close = http10, setCookie = false;
        var rest = lines[(eol + 2)..];
        while (rest.Length > 0)
        {
            eol = rest.IndexOf("\r\n"u8);
            var line = rest[..eol];
            rest = rest[(eol + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                throw Invalid("malformed header line");
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ').Trim((byte)'\t');
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                if (!Utf8Parser.TryParse(value, out long length, out consumed) || consumed != value.Length || length < 0)
                {
                    throw Invalid("invalid Content-Length");
                }

                contentLength = length;
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                chunked = ContainsToken(value, "chunked"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
            {
                if (ContainsToken(value, "close"u8))
                {
                    close = true;
                }
                else if (http10 && ContainsToken(value, "keep-alive"u8))
                {
                    close = false;
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "Set-Cookie"u8))
            {
                setCookie = true;
            }
        }

        head = new Http1ResponseHead
        {
            Status = status,
            Length = end + 4,
            ContentLength = chunked ? -1 : contentLength,
            Chunked = chunked,
            Close = close,
            HasSetCookie = setCookie,
        };
        return true;
    }

    /// <summary>Every header of <paramref name="head"/>, case-insensitive, repeated ones joined with ", " (as the handler path does).</summary>
    public static IReadOnlyDictionary<string, string> ParseHeaders(ReadOnlySpan<byte> head)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in Enumerate(head))
        {
            headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
        }

        return headers.AsReadOnly();
    }

    /// <summary>The values of every header called <paramref name="name"/>, in order.</summary>
    public static List<string> Values(ReadOnlySpan<byte> head, string name)
    {
        var values = new List<string>();
        foreach (var (headerName, value) in Enumerate(head))
        {
            if (string.Equals(headerName, name, StringComparison.OrdinalIgnoreCase))
            {
                values.Add(value);
            }
        }

        return values;
    }

    private static List<(string Name, string Value)> Enumerate(ReadOnlySpan<byte> head)
    {
        var list = new List<(string, string)>();
        var eol = head.IndexOf("\r\n"u8);
        if (eol < 0)
        {
            return list;
        }

        var rest = head[(eol + 2)..];
        while (true)
        {
            eol = rest.IndexOf("\r\n"u8);
            if (eol <= 0)
            {
                return list;
            }

            var line = rest[..eol];
            rest = rest[(eol + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon > 0)
            {
                // Header values are Latin-1 on the wire; that is how the handler decodes them too.
                list.Add((Encoding.Latin1.GetString(line[..colon]), Encoding.Latin1.GetString(line[(colon + 1)..].Trim((byte)' ').Trim((byte)'\t'))));
            }
        }
    }

    private static bool ContainsToken(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        foreach (var range in value.Split((byte)','))
        {
            if (Ascii.EqualsIgnoreCase(value[range].Trim((byte)' '), token))
            {
                return true;
            }
        }

        return false;
    }

    private static HttpIOException Invalid(string message) =>
        new(HttpRequestError.InvalidResponse, "The server returned an invalid or unrecognized response: " + message + ".");
}
