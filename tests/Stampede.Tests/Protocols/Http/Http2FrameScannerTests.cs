using Shouldly;
using Stampede.Protocols.Http;
using Xunit;

namespace Stampede.Tests.Protocols.Http;

public sealed class Http2FrameScannerTests
{
    private static byte[] Frame(byte type, uint stream, int length = 0) =>
        [(byte)(length >> 16), (byte)(length >> 8), (byte)length, type, 0,
         (byte)(stream >> 24), (byte)(stream >> 16), (byte)(stream >> 8), (byte)stream, .. new byte[length]];

    [Fact]
    public void CarriesRequest_PrefaceSettingsWindowUpdate_False()
    {
        byte[] written = [.. "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8, .. Frame(0x4, 0, 12), .. Frame(0x8, 0, 4)];

        Http2FrameScanner.CarriesRequest(written).ShouldBeFalse();
    }

    [Fact]
    public void CarriesRequest_PingThenHeaders_True()
    {
        Http2FrameScanner.CarriesRequest([.. Frame(0x6, 0, 8), .. Frame(0x1, 1, 20)]).ShouldBeTrue();
    }

    [Fact]
    public void CarriesRequest_StreamWindowUpdate_False()
    {
        Http2FrameScanner.CarriesRequest(Frame(0x8, 3, 4)).ShouldBeFalse();
    }
}
