using Shouldly;
using Stampede.DemoTarget.Streaming;

namespace Stampede.DemoTarget.Tests.Streaming;

public class ConversationStoreTests
{
    [Fact]
    public void GetOrStart_KnownId_ReturnsSameConversation()
    {
        var store = new ConversationStore(10);
        var first = store.GetOrStart(null);

        store.GetOrStart(first.Id).ShouldBeSameAs(first);
    }

    [Fact]
    public void Ask_SecondQuestion_ReturnsTheFirst()
    {
        var conversation = new ConversationStore(10).GetOrStart(null);

        conversation.Ask("one").ShouldBeNull();
        conversation.Ask("two").ShouldBe("one");
        conversation.Turns.ShouldBe(2);
    }

    [Fact]
    public void GetOrStart_PastCapacity_ForgetsTheOldest()
    {
        var store = new ConversationStore(2);
        var oldest = store.GetOrStart(null);
        store.GetOrStart(null);
        store.GetOrStart(null);

        store.Count.ShouldBe(2);
        store.GetOrStart(oldest.Id).ShouldNotBeSameAs(oldest);
    }
}
