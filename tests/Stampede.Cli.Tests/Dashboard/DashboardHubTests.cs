using Stampede.Cli.Dashboard;

namespace Stampede.Cli.Tests.Dashboard;

public sealed class DashboardHubTests
{
    private static byte[] Frame(int second) => [(byte)second];

    [Fact]
    public void Publish_ToBrowserThatDoesNotRead_KeepsNewestFramesAndCountsTheDropped()
    {
        var hub = new DashboardHub();
        var (client, missed) = hub.Connect();
        missed.ShouldBeEmpty();
        for (var second = 1; second <= 20; second++)
        {
            hub.Publish(Frame(second));
        }

        client.Dropped.ShouldBe(20 - DashboardClient.Capacity);
        hub.DroppedFrames.ShouldBe(20 - DashboardClient.Capacity);
        var kept = new List<int>();
        while (client.Frames.TryRead(out var frame))
        {
            kept.Add(frame[0]);
        }

        kept.ShouldBe(Enumerable.Range(20 - DashboardClient.Capacity + 1, DashboardClient.Capacity));
    }

    [Fact]
    public void End_WithFullQueue_StillDeliversTheEndFrameLastAndCompletes()
    {
        var hub = new DashboardHub();
        var (client, _) = hub.Connect();
        for (var second = 1; second <= 20; second++)
        {
            hub.Publish(Frame(second));
        }

        hub.End([255]);
        hub.Publish(Frame(21));
        byte last = 0;
        while (client.Frames.TryRead(out var frame))
        {
            last = frame[0];
        }

        last.ShouldBe((byte)255);
        client.Frames.Completion.IsCompleted.ShouldBeTrue();
    }

    [Fact]
    public void Connect_Late_GetsTheSecondsItMissedThenTheEnd()
    {
        var hub = new DashboardHub();
        hub.Publish(Frame(1));
        hub.Publish(Frame(2));
        hub.End([255]);
        var (client, missed) = hub.Connect();
        missed.Select(f => f[0]).ShouldBe([1, 2, 255]);
        client.Frames.Completion.IsCompleted.ShouldBeTrue();
    }

    [Fact]
    public void Disconnect_KeepsTheDroppedCountOfBrowsersThatLeft()
    {
        var hub = new DashboardHub();
        var (client, _) = hub.Connect();
        for (var second = 1; second <= DashboardClient.Capacity + 3; second++)
        {
            hub.Publish(Frame(second));
        }

        hub.Disconnect(client);
        hub.Clients.ShouldBe(0);
        hub.DroppedFrames.ShouldBe(3);
    }
}
