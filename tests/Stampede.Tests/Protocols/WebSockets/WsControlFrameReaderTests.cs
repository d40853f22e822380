using System.Text;
using Shouldly;
using Stampede.Protocols.WebSockets;
using Xunit;

namespace Stampede.Tests.Protocols.WebSockets;

public sealed class WsControlFrameReaderTests
{
    private static readonly byte[] Upgrade = Encoding.ASCII.GetBytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");

    [Fact]
    public void Read_PingAndPongBetweenDataFrames_ReportsOnlyTheControlFrames()
    {
        var seen = new List<WsControlFrame>();
        var reader = new WsControlFrameReader(seen.Add);
        byte[] stream = [.. Upgrade, .. Frame(0x1, "hello"), .. Frame(0x9, "p1"), .. Frame(0x2, new string('x', 300)), .. Frame(0xA, "7"), .. Frame(0x1, "\u0089\u0002")];

        reader.Read(stream, timestamp: 5);

        seen.Select(f => (f.IsPing, Encoding.UTF8.GetString(f.Payload), f.Timestamp)).ShouldBe([(true, "p1", 5L), (false, "7", 5L)]);
    }

    [Fact]
    public void Read_OneByteAtATime_FindsTheSameFramesWithEachReadsTimestamp()
    {
        var seen = new List<WsControlFrame>();
        var reader = new WsControlFrameReader(seen.Add);
        byte[] stream = [.. Upgrade, .. Frame(0x2, new string('y', 70_000)), .. Frame(0xA, ""), .. Frame(0x9, "last")];

        for (var i = 0; i < stream.Length; i++)
        {
            reader.Read(stream.AsSpan(i, 1), timestamp: i);
        }

        seen.Count.ShouldBe(2);
        seen[0].IsPing.ShouldBeFalse();
        seen[0].Payload.ShouldBeEmpty();
        seen[1].IsPing.ShouldBeTrue();
        Encoding.UTF8.GetString(seen[1].Payload).ShouldBe("last");
        seen[1].Timestamp.ShouldBe(stream.Length - 1);
    }

    [Fact]
    public void Read_BeforeTheUpgradeEnds_NothingInTheHttpResponseCountsAsAFrame()
    {
        var seen = new List<WsControlFrame>();
        var reader = new WsControlFrameReader(seen.Add);

        reader.Read(Encoding.ASCII.GetBytes("HTTP/1.1 101 Switching Protocols\r\nX-Odd: \u0089\u0000\r\n"), timestamp: 1);

        seen.ShouldBeEmpty();
    }

    /// <summary>An unmasked frame as a server sends it.</summary>
    private static byte[] Frame(byte opcode, string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var header = new List<byte> { (byte)(0x80 | opcode) };
        if (payload.Length < 126)
        {
            header.Add((byte)payload.Length);
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            header.AddRange([126, (byte)(payload.Length >> 8), (byte)payload.Length]);
        }
        else
        {
            header.Add(127);
            header.AddRange(BitConverter.GetBytes((ulong)payload.Length).Reverse());
        }

        return [.. header, .. payload];
    }
}
