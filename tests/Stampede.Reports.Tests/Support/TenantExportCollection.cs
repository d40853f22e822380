using Xunit;

namespace Stampede.Reports.Tests.Support;

/// <summary>The tests that read one tenant run through the Pushgateway and Prometheus (<see cref="TenantExportFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class TenantExportCollection : ICollectionFixture<TenantExportFixture>
{
    public const string Name = "tenant export";
}
