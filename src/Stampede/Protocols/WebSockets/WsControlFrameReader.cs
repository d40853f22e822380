using System.Buffers.Binary;

namespace Stampede.Protocols.WebSockets;

/// <summary>
/// Follows the bytes a WebSocket client receives and reports the ping and pong frames in them. ClientWebSocket
/// answers pings and swallows pongs without telling its caller; seen from the connection stream below it, every
/// frame passes by, so k6's <c>'ping'</c> and <c>'pong'</c> events need only frame headers, not a second client.
/// The upgrade's HTTP response comes first on the same stream and is skipped up to its blank line.
/// </summary>
internal sealed class WsControlFrameReader(Action<WsControlFrame> received)
{
    private const byte Ping = 0x9;
    private const byte Pong = 0xA;
    private static ReadOnlySpan<byte> HeaderEnd => "\r\n\r\n"u8;

    private readonly byte[] _header = new byte[14];
    private readonly byte[] _payload = new byte[125];
    private int _handshakeMatched;
    private bool _inFrames;
    private int _headerLength;
    private long _payloadLeft;
    private int _payloadLength;
    private byte _opcode;
    private bool _masked;

    /// <summary>Reads <paramref name="data"/>, the next bytes off the network, read at <paramref name="timestamp"/>.</summary>
    public void Read(ReadOnlySpan<byte> data, long timestamp)
    {
        while (!data.IsEmpty)
        {
            if (!_inFrames)
            {
                data = SkipHandshake(data);
            }
            else if (_payloadLeft > 0)
            {
                var take = (int)Math.Min(_payloadLeft, data.Length);
                if (IsControl)
                {
                    data[..take].CopyTo(_payload.AsSpan(_payloadLength));
                    _payloadLength += take;
                }

                _payloadLeft -= take;
                data = data[take..];
                if (_payloadLeft == 0)
                {
                    EndFrame(timestamp);
                }
            }
            else
            {
                _header[_headerLength++] = data[0];
                data = data[1..];
                if (HeaderComplete())
                {
                    _headerLength = 0;
                    if (_payloadLeft == 0)
                    {
                        EndFrame(timestamp);
                    }
                }
            }
        }
    }

    private bool IsControl => _opcode is Ping or Pong;

    private ReadOnlySpan<byte> SkipHandshake(ReadOnlySpan<byte> data)
    {
        for (var i = 0; i < data.Length; i++)
        {
            _handshakeMatched = data[i] == HeaderEnd[_handshakeMatched] ? _handshakeMatched + 1 : data[i] == '\r' ? 1 : 0;
            if (_handshakeMatched == HeaderEnd.Length)
            {
                _inFrames = true;
                return data[(i + 1)..];
            }
        }

        return [];
    }

    /// <summary>True once the header read so far is whole; then the opcode and payload length are known.</summary>
    private bool HeaderComplete()
    {
        if (_headerLength < 2)
        {
            return false;
        }

        var length7 = _header[1] & 0x7F;
        _masked = (_header[1] & 0x80) != 0;
        var extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
        var needed = 2 + extended + (_masked ? 4 : 0);
        if (_headerLength < needed)
        {
            return false;
        }

        _opcode = (byte)(_header[0] & 0x0F);
        _payloadLeft = extended switch
        {
            2 => BinaryPrimitives.ReadUInt16BigEndian(_header.AsSpan(2)),
            8 => (long)BinaryPrimitives.ReadUInt64BigEndian(_header.AsSpan(2)),
            _ => length7,
        };
        if (IsControl && _payloadLeft > _payload.Length)
        {
            _opcode = 0;   // not a valid control frame; ClientWebSocket will fail the connection
        }

        _payloadLength = 0;
        return true;
    }

    private void EndFrame(long timestamp)
    {
        if (!IsControl)
        {
            return;
        }

        var payload = _payload.AsSpan(0, _payloadLength).ToArray();
        if (_masked)
        {
            var mask = _header.AsSpan(2 + (_header[1] & 0x7F) switch { 126 => 2, 127 => 8, _ => 0 }, 4);
            for (var i = 0; i < payload.Length; i++)
            {
                payload[i] ^= mask[i % 4];
            }
        }

        received(new WsControlFrame(_opcode == Ping, payload, timestamp));
        _opcode = 0;
    }
}
