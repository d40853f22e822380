using Shouldly;
using Stampede.Plans;
using Xunit;

namespace Stampede.Tests.Architecture;

/// <summary>
/// The engine library's layers point one way (docs/architecture.md has the same table): a plan is plain data, the
/// engine runs it through protocols that record into metrics, and thresholds and outputs read what was recorded.
/// Nothing below calls back up; what a lower layer must say upwards (stop the run) it says through a delegate.
/// </summary>
public sealed class LayerDependencyTests
{
    /// <summary>Layer → the layers its code may use.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Metrics"] = [],
        ["Thresholds"] = ["Metrics"],
        ["Plans"] = ["Metrics", "Thresholds"],
        ["Data"] = ["Plans"],
        ["Protocols"] = ["Data", "Metrics"],
        ["Monitoring"] = ["Metrics", "Plans", "Protocols"],
        ["Outputs"] = ["Metrics", "Plans", "Thresholds"],
        ["Execution"] = ["Data", "Metrics", "Monitoring", "Outputs", "Plans", "Protocols", "Thresholds"],
    };

    /// <summary>
    /// Single types a layer may use across the table, each with its reason. A C# plan's iteration is a function of the
    /// VU's context, so the plan records name <c>VuContext</c> in their delegates' signature — and nothing else of
    /// the engine.
    /// </summary>
    private static readonly Dictionary<string, string[]> AllowedTypes = new(StringComparer.Ordinal)
    {
        ["Plans"] = ["Stampede.Execution.VuContext"],
    };

    private static readonly string Library = typeof(TestPlan).Assembly.Location;

    [Fact]
    public void Library_EveryLayer_UsesOnlyTheLayersItMayUse()
    {
        var forbidden = new List<string>();
        foreach (var (from, uses) in LayerDependencies.Read(Library, "Stampede"))
        {
            var allowed = Allowed.GetValueOrDefault(from, []);
            var types = AllowedTypes.GetValueOrDefault(from, []);
            foreach (var (to, examples) in uses)
            {
                var offending = examples.Where(e => !allowed.Contains(to) && !types.Contains(e.UsedType)).ToList();
                if (offending.Count > 0)
                {
                    forbidden.Add($"{from} -> {to}: {string.Join("; ", offending.Take(5).Select(e => $"{e.User} uses {e.UsedType}"))}");
                }
            }
        }

        forbidden.ShouldBeEmpty();
    }

    [Fact]
    public void Library_EveryLayer_IsInTheTable()
    {
        var layers = LayerDependencies.Read(Library, "Stampede").Keys.Where(l => l != "(root)");

        layers.Where(l => !Allowed.ContainsKey(l)).ShouldBeEmpty();
    }

    [Fact]
    public void Read_Library_SeesDependenciesThroughSignaturesBodiesAndClosures()
    {
        var matrix = LayerDependencies.Read(Library, "Stampede");

        // A field type (the engine's plan), a call inside an async method (the HTTP session's metrics), a lambda's
        // captured call (the ledger's stop delegate is RunControl.RequestStop, in Execution's own layer).
        matrix["Execution"].ShouldContainKey("Plans");
        matrix["Protocols"].ShouldContainKey("Metrics");
        matrix["Execution"]["Protocols"].ShouldContain(e => e.UsedType == "Stampede.Protocols.Llm.LlmCostLedger");
        matrix.ShouldNotContainKey("Metrics");
    }

    [Theory]
    [InlineData("Stampede.Protocols.Http", "Protocols")]
    [InlineData("Stampede.Plans", "Plans")]
    [InlineData("Stampede", "(root)")]
    [InlineData("Stampede.Yaml.Reading", "Yaml")]
    [InlineData("System.Text", null)]
    [InlineData("StampedeX", null)]
    public void LayerOf_Namespace_IsItsFirstSegmentBelowTheRoot(string ns, string? layer) =>
        LayerDependencies.LayerOf(ns, "Stampede").ShouldBe(layer);
}
