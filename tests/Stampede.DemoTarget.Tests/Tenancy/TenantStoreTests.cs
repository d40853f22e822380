using Shouldly;
using Stampede.DemoTarget.Tenancy;

namespace Stampede.DemoTarget.Tests.Tenancy;

public class TenantStoreTests
{
    [Fact]
    public void CreateKey_SameSeed_SameSecret()
    {
        var a = Setup(new TenantStore(42));
        var b = Setup(new TenantStore(42));
        var c = Setup(new TenantStore(43));

        a.ShouldBe(b);
        a.ShouldNotBe(c);
        a.ShouldStartWith("sk-acme-");
        a.Length.ShouldBe("sk-acme-".Length + 24);
    }

    [Fact]
    public void Authenticate_KnownKey_ReturnsItsOrg()
    {
        var store = new TenantStore(1);
        var secret = Setup(store);

        store.Authenticate(secret)!.Slug.ShouldBe("acme");
        store.Authenticate("sk-acme-wrong").ShouldBeNull();
        store.Authenticate(null).ShouldBeNull();
    }

    [Fact]
    public void DeleteOrg_WithKeys_RevokesThem()
    {
        var store = new TenantStore(1);
        var secret = Setup(store);

        store.DeleteOrg("acme").ShouldBeTrue();

        store.Authenticate(secret).ShouldBeNull();
        store.Find("acme").ShouldBeNull();
    }

    [Fact]
    public void Record_SpendPastBudget_OverBudget()
    {
        var org = new TenantStore(1).CreateOrg("small", 0.001m)!;

        org.Record(0.0005m);
        org.OverBudget.ShouldBeFalse();
        org.Record(0.0005m);

        org.OverBudget.ShouldBeTrue();
        org.SpentUsd.ShouldBe(0.001m);
        org.Requests.ShouldBe(2);
    }

    [Theory]
    [InlineData("acme", true)]
    [InlineData("org-2", true)]
    [InlineData("a", true)]
    [InlineData("-bad", false)]
    [InlineData("Upper", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValidSlug_Slugs_Classified(string? slug, bool valid)
    {
        TenantStore.IsValidSlug(slug).ShouldBe(valid);
    }

    private static string Setup(TenantStore store)
    {
        store.CreateOrg("acme", 1m).ShouldNotBeNull();
        var user = store.Invite("acme", "a@acme.test")!;
        return store.CreateKey("acme", user.Id)!.Value.Secret;
    }
}
