using System.Buffers;
using System.Text;

namespace Stampede.Protocols.Sse;

/// <summary>
/// An incremental parser for the <c>text/event-stream</c> format, exactly as the HTML standard specifies it:
/// <c>data</c> (several lines joined with LF), <c>event</c>, <c>id</c> (ignored when it contains NUL),
/// <c>retry</c> (digits only), comments, LF / CR / CRLF line ends (also when a CRLF is split across reads),
/// a leading BOM, and unknown fields ignored. Feed it whatever each network read delivered; it keeps partial
/// lines in a pooled buffer and never needs the whole body.
/// </summary>
/// <remarks>
/// One deliberate departure: the standard discards an event that the stream ends before its blank line;
/// <see cref="Complete"/> dispatches it unless <c>strict</c> is set, because real servers do end streams that way
/// and dropping a final <c>[DONE]</c> would misreport a complete answer as cut.
/// </remarks>
public sealed class SseParser : IDisposable
{
    private const string DefaultType = "message";
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private readonly bool _strict;
    private byte[] _line = ArrayPool<byte>.Shared.Rent(256);
    private int _lineLength;
    private byte[] _data = ArrayPool<byte>.Shared.Rent(256);
    private int _dataLength;
    private bool _hasData;
    private string? _type;
    private byte[] _lastTypeBytes = [];
    private string _lastType = DefaultType;
    private int _bomMatched;
    private bool _bomDone;
    private bool _afterCr;
    private long _lineStart;
    private long _eventStart;
    private long _readIndex;
    private long _lastDispatchRead = -1;

    /// <summary>Creates a parser.</summary>
    /// <param name="strict">Discard an event the stream ends before its blank line, as the standard says. Default false.</param>
    public SseParser(bool strict = false) => _strict = strict;

    /// <summary>The last event ID seen (the value to send as <c>Last-Event-ID</c> when reconnecting); empty when none.</summary>
    public string LastEventId { get; private set; } = "";

    /// <summary>The reconnection time the server asked for with <c>retry:</c>, in milliseconds; null until it does.</summary>
    public long? RetryMilliseconds { get; private set; }

    /// <summary>
    /// Parses the bytes one network read delivered, adding every event they complete to <paramref name="events"/>.
    /// </summary>
    /// <param name="bytes">The read's bytes.</param>
    /// <param name="timestamp">When the read completed (<see cref="TimeProvider.GetTimestamp"/>).</param>
    /// <param name="events">Receives the completed events.</param>
    public void Parse(ReadOnlySpan<byte> bytes, long timestamp, List<SseEvent> events)
    {
        _readIndex++;
        if (!_bomDone)
        {
            bytes = SkipBom(bytes);
        }

        while (!bytes.IsEmpty)
        {
            if (_afterCr)
            {
                _afterCr = false;
                if (bytes[0] == (byte)'\n')
                {
                    bytes = bytes[1..];
                    continue;
                }
            }

            if (_lineLength == 0)
            {
                _lineStart = timestamp;
            }

            var end = bytes.IndexOfAny((byte)'\r', (byte)'\n');
            if (end < 0)
            {
                AppendLine(bytes);
                return;
            }

            AppendLine(bytes[..end]);
            _afterCr = bytes[end] == (byte)'\r';
            bytes = bytes[(end + 1)..];
            ProcessLine(events);
        }
    }

    /// <summary>
    /// Ends the stream: a last line without its line end is processed and, unless strict, a pending event is
    /// dispatched. Call once, after the last read.
    /// </summary>
    public void Complete(List<SseEvent> events)
    {
        if (_lineLength > 0)
        {
            ProcessLine(events);
        }

        if (!_strict)
        {
            Dispatch(events);
        }

        Reset();
    }

    /// <summary>Returns the pooled buffers.</summary>
    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_line);
        ArrayPool<byte>.Shared.Return(_data);
        _line = [];
        _data = [];
    }

    private ReadOnlySpan<byte> SkipBom(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty && _bomMatched < Bom.Length)
        {
            if (bytes[0] != Bom[_bomMatched])
            {
                // Not a BOM after all: the bytes matched so far were content.
                _bomDone = true;
                if (_bomMatched > 0)
                {
                    var matched = _bomMatched;
                    _bomMatched = 0;
                    AppendLine(Bom.AsSpan(0, matched));
                }

                return bytes;
            }

            _bomMatched++;
            bytes = bytes[1..];
        }

        if (_bomMatched == Bom.Length)
        {
            _bomDone = true;
        }

        return bytes;
    }

    private void AppendLine(ReadOnlySpan<byte> bytes) => Append(ref _line, ref _lineLength, bytes);

    private static void Append(ref byte[] buffer, ref int length, ReadOnlySpan<byte> bytes)
    {
        if (length + bytes.Length > buffer.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + bytes.Length));
            buffer.AsSpan(0, length).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = grown;
        }

        bytes.CopyTo(buffer.AsSpan(length));
        length += bytes.Length;
    }

    private void ProcessLine(List<SseEvent> events)
    {
        var line = _line.AsSpan(0, _lineLength);
        _lineLength = 0;
        if (line.IsEmpty)
        {
            Dispatch(events);
            return;
        }

        if (line[0] == (byte)':')
        {
            return;   // comment
        }

        if (_eventStart == 0)
        {
            _eventStart = _lineStart;
        }

        ReadOnlySpan<byte> name, value;
        var colon = line.IndexOf((byte)':');
        if (colon < 0)
        {
            name = line;
            value = [];
        }
        else
        {
            name = line[..colon];
            value = line[(colon + 1)..];
            if (!value.IsEmpty && value[0] == (byte)' ')
            {
                value = value[1..];
            }
        }

        if (name.SequenceEqual("data"u8))
        {
            Append(ref _data, ref _dataLength, value);
            Append(ref _data, ref _dataLength, "\n"u8);
            _hasData = true;
        }
        else if (name.SequenceEqual("event"u8))
        {
            _type = TypeString(value);
        }
        else if (name.SequenceEqual("id"u8))
        {
            if (value.IndexOf((byte)0) < 0)
            {
                LastEventId = value.IsEmpty ? "" : Encoding.UTF8.GetString(value);
            }
        }
        else if (name.SequenceEqual("retry"u8))
        {
            if (!value.IsEmpty && value.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0 && value.Length <= 18)
            {
                long retry = 0;
                foreach (var digit in value)
                {
                    retry = (retry * 10) + (digit - '0');
                }

                RetryMilliseconds = retry;
            }
        }
    }

    // Streams repeat a handful of event names: reuse the last string instead of allocating one per event.
    private string TypeString(ReadOnlySpan<byte> value)
    {
        if (value.SequenceEqual(_lastTypeBytes))
        {
            return _lastType;
        }

        _lastTypeBytes = value.ToArray();
        _lastType = Encoding.UTF8.GetString(value);
        return _lastType;
    }

    private void Dispatch(List<SseEvent> events)
    {
        if (!_hasData)
        {
            // The standard: with an empty data buffer nothing is dispatched, and the event type resets.
            _type = null;
            _eventStart = 0;
            _dataLength = 0;
            return;
        }

        var data = Encoding.UTF8.GetString(_data, 0, _dataLength - 1);   // drop the last LF
        var type = string.IsNullOrEmpty(_type) ? DefaultType : _type;
        events.Add(new SseEvent(type, data, LastEventId, _eventStart, _readIndex == _lastDispatchRead));
        _lastDispatchRead = _readIndex;
        _type = null;
        _hasData = false;
        _dataLength = 0;
        _eventStart = 0;
    }

    private void Reset()
    {
        _lineLength = 0;
        _dataLength = 0;
        _hasData = false;
        _type = null;
        _eventStart = 0;
        _afterCr = false;
        _bomMatched = 0;
        _bomDone = false;
        _lastDispatchRead = -1;
    }
}
