using System.Diagnostics;
using Shouldly;
using Stampede.Protocols.Http;
using Xunit;

namespace Stampede.Tests.Protocols.Http;

public sealed class HttpExchangeTests
{
    private static readonly long Ms = Stopwatch.Frequency / 1000;

    [Fact]
    public void ToTimings_NewTlsConnection_K6Breakdown()
    {
        var exchange = new HttpExchange();
        exchange.Begin(1_000 * Ms);
        exchange.OnConnectStart(1_002 * Ms); // 2 ms DNS/pool wait
        exchange.OnConnectEnd(1_005 * Ms);
        exchange.OnConnectionReady(1_015 * Ms, tls: true);
        exchange.OnWrite(100, 1_015 * Ms, 1_016 * Ms, carriesRequest: true);
        exchange.OnRead(50, 1_116 * Ms);
        exchange.OnHeadersReceived(1_117 * Ms);

        var timings = exchange.ToTimings(1_196 * Ms, multiplexed: false, streaming: false);

        timings.Blocked.ShouldBe(2, 0.001);
        timings.Connecting.ShouldBe(3, 0.001);
        timings.TlsHandshaking.ShouldBe(10, 0.001);
        timings.Sending.ShouldBe(1, 0.001);
        timings.Waiting.ShouldBe(100, 0.001);
        timings.Receiving.ShouldBe(80, 0.001);
        timings.Duration.ShouldBe(181, 0.001);
        exchange.BytesSent.ShouldBe(100);
        exchange.BytesReceived.ShouldBe(50);
    }

    [Fact]
    public void ToTimings_Multiplexed_FirstByteIsHeadersNotEarlierChatter()
    {
        var exchange = new HttpExchange();
        exchange.Begin(0);
        exchange.OnWrite(10, 1 * Ms, 2 * Ms, carriesRequest: true);
        exchange.OnRead(9, 3 * Ms); // SETTINGS ACK, not the response
        exchange.OnWrite(9, 20 * Ms, 21 * Ms, carriesRequest: false); // PING ACK
        exchange.OnHeadersReceived(52 * Ms);

        var timings = exchange.ToTimings(60 * Ms, multiplexed: true, streaming: false);

        timings.Waiting.ShouldBe(50, 0.001);
        timings.Receiving.ShouldBe(8, 0.001);
        exchange.BytesSent.ShouldBe(19);
    }

    [Fact]
    public void OnWrite_AfterARead_RestartsSending()
    {
        var exchange = new HttpExchange();
        exchange.Begin(0);
        exchange.OnWrite(24, 1 * Ms, 2 * Ms, carriesRequest: true);
        exchange.OnRead(9, 3 * Ms);
        exchange.OnWrite(30, 4 * Ms, 5 * Ms, carriesRequest: true);
        exchange.OnRead(100, 25 * Ms);

        var timings = exchange.ToTimings(30 * Ms, multiplexed: false, streaming: false);

        timings.Blocked.ShouldBe(4, 0.001);
        timings.Sending.ShouldBe(1, 0.001);
        timings.Waiting.ShouldBe(20, 0.001);
    }

    [Fact]
    public void ToTimings_NothingWritten_AllBlocked()
    {
        var exchange = new HttpExchange();
        exchange.Begin(0);

        var timings = exchange.ToTimings(7 * Ms, multiplexed: false, streaming: false);

        timings.Blocked.ShouldBe(7, 0.001);
        timings.Duration.ShouldBe(0);
        timings.FirstByteTimestamp.ShouldBe(0);
    }
}
