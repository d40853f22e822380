using System.Buffers.Binary;

namespace Stampede.Protocols.Http;

/// <summary>
/// Tells whether bytes an HTTP/2 connection writes carry a request (HEADERS, CONTINUATION or DATA on a stream),
/// as opposed to connection chatter (SETTINGS, PING, WINDOW_UPDATE) that must not move the "request sent" mark.
/// </summary>
/// <remarks>
/// The handler's write loop flushes whole frames, so a write starts at a frame boundary (or with the connection
/// preface). If the bytes do not parse as frames, they are assumed to carry a request, which errs towards the
/// HTTP/1.1 behaviour rather than losing the mark.
/// </remarks>
internal static class Http2FrameScanner
{
    private const int FrameHeaderLength = 9;
    private const byte Data = 0x0;
    private const byte Headers = 0x1;
    private const byte Continuation = 0x9;

    private static ReadOnlySpan<byte> Preface => "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8;

    public static bool CarriesRequest(ReadOnlySpan<byte> written)
    {
        if (written.StartsWith(Preface))
        {
            written = written[Preface.Length..];
        }

        while (written.Length >= FrameHeaderLength)
        {
            var length = (written[0] << 16) | (written[1] << 8) | written[2];
            var type = written[3];
            var stream = BinaryPrimitives.ReadUInt32BigEndian(written[5..]) & 0x7FFF_FFFF;
            if (stream != 0 && type is Data or Headers or Continuation)
            {
                return true;
            }

            if (type > Continuation)
            {
                return true; // not a frame we know: we are not at a boundary after all
            }

            if (FrameHeaderLength + length > written.Length)
            {
                return false;
            }

            written = written[(FrameHeaderLength + length)..];
        }

        return !written.IsEmpty; // a torn frame header: not at a boundary
    }
}
