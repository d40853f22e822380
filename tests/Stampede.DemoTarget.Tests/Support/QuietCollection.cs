namespace Stampede.DemoTarget.Tests.Support;

/// <summary>Tests that measure timing on an idle machine run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class QuietCollection
{
    public const string Name = "Quiet";
}
