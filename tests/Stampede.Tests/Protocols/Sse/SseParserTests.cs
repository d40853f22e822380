using System.Text;
using Shouldly;
using Stampede.Protocols.Sse;
using Xunit;

namespace Stampede.Tests.Protocols.Sse;

public sealed class SseParserTests
{
    private const string Mixed =
        "\uFEFF: a comment\r\n" +
        "event: token\r\n" +
        "id: 7\r\n" +
        "data: first line\r\n" +
        "data:second line\r\n" +
        "\r\n" +
        "retry: 1500\n" +
        "data: {\"x\":1}\n" +
        "\n" +
        "event: done\r" +
        "data: [DONE]\r" +
        "\r" +
        "data: ünïcode ✓\n" +
        "\n";

    private static List<SseEvent> ParseInChunks(string text, int chunkSize, bool complete = true, bool strict = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        using var parser = new SseParser(strict);
        var events = new List<SseEvent>();
        for (var i = 0; i < bytes.Length; i += chunkSize)
        {
            parser.Parse(bytes.AsSpan(i, Math.Min(chunkSize, bytes.Length - i)), 1 + (i / chunkSize), events);
        }

        if (complete)
        {
            parser.Complete(events);
        }

        return events;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Parse_AnyChunking_YieldsTheSameEvents(int chunkSize)
    {
        var events = ParseInChunks(Mixed, chunkSize);

        events.Select(e => (e.Type, e.Data, e.Id)).ShouldBe(
        [
            ("token", "first line\nsecond line", "7"),
            ("message", "{\"x\":1}", "7"),
            ("done", "[DONE]", "7"),
            ("message", "ünïcode ✓", "7"),
        ]);
    }

    [Fact]
    public void Parse_RetryField_SetsRetryMilliseconds()
    {
        var bytes = "retry: 1500\nretry: 12x\n\n"u8.ToArray();
        using var parser = new SseParser();
        parser.Parse(bytes, 1, []);

        parser.RetryMilliseconds.ShouldBe(1500);
    }

    [Fact]
    public void Parse_IdWithNul_IsIgnored()
    {
        using var parser = new SseParser();
        var events = new List<SseEvent>();
        parser.Parse("id: 1\ndata: a\n\nid: 2\0x\ndata: b\n\n"u8, 1, events);

        events.Select(e => e.Id).ShouldBe(["1", "1"]);
        parser.LastEventId.ShouldBe("1");
    }

    [Fact]
    public void Parse_EventWithoutData_IsNotDispatchedAndTypeResets()
    {
        using var parser = new SseParser();
        var events = new List<SseEvent>();
        parser.Parse("event: ping\n\ndata: x\n\n"u8, 1, events);

        events.ShouldHaveSingleItem().Type.ShouldBe("message");
    }

    [Fact]
    public void Parse_EmptyDataLines_KeepTheirNewlines()
    {
        using var parser = new SseParser();
        var events = new List<SseEvent>();
        parser.Parse("data\ndata\n\ndata:\n\n"u8, 1, events);

        events.Select(e => e.Data).ShouldBe(["\n", ""]);
    }

    [Fact]
    public void Complete_FinalEventWithoutBlankLine_IsDispatchedUnlessStrict()
    {
        ParseInChunks("data: a\n\ndata: [DONE]", 1).Select(e => e.Data).ShouldBe(["a", "[DONE]"]);
        ParseInChunks("data: a\n\ndata: [DONE]", 1, strict: true).Select(e => e.Data).ShouldBe(["a"]);
    }

    [Fact]
    public void Parse_Timestamp_IsTheReadThatDeliveredTheFirstByte()
    {
        using var parser = new SseParser();
        var events = new List<SseEvent>();
        parser.Parse("data: he"u8, 100, events);
        parser.Parse("llo\n"u8, 200, events);
        parser.Parse("\n"u8, 300, events);

        events.ShouldHaveSingleItem().Timestamp.ShouldBe(100);
    }

    [Fact]
    public void Parse_EventsInOneRead_AreMarkedCoalesced()
    {
        using var parser = new SseParser();
        var events = new List<SseEvent>();
        parser.Parse("data: a\n\n"u8, 10, events);
        parser.Parse("data: b\n\ndata: c\n\n"u8, 20, events);

        events.Select(e => e.Coalesced).ShouldBe([false, false, true]);
    }

    [Fact]
    public void Parse_CrLfSplitAcrossReads_IsOneLineEnd()
    {
        using var parser = new SseParser();
        var events = new List<SseEvent>();
        parser.Parse("data: a\r"u8, 1, events);
        parser.Parse("\ndata: b\r"u8, 2, events);
        parser.Parse("\n\r\n"u8, 3, events);

        events.ShouldHaveSingleItem().Data.ShouldBe("a\nb");
    }

    [Fact]
    public void Parse_PartialBomLookalike_IsKeptAsContent()
    {
        using var parser = new SseParser();
        var events = new List<SseEvent>();
        parser.Parse([0xEF], 1, events);
        parser.Parse("data: x\n\n"u8, 2, events);
        parser.Complete(events);

        // U+FEFF's first byte followed by something else is not a BOM: the line is an unknown field, ignored.
        events.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_LongLine_GrowsThePooledBuffer()
    {
        var payload = new string('x', 10_000);
        var events = ParseInChunks($"data: {payload}\n\n", 1000);

        events.ShouldHaveSingleItem().Data.ShouldBe(payload);
    }
}
