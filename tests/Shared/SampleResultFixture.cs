using Stampede.Metrics;
using Xunit;

namespace Stampede.Testing;

/// <summary>One sample run per test class, saved as JSON and read back, so reports are made from what a file holds.</summary>
public sealed class SampleResultFixture : IAsyncLifetime
{
    public RunResult Result { get; private set; } = null!;

    public string JsonPath { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var result = await SampleRun.RunAsync();
        // Each test class has its own fixture, and they start together: one shared file name let two of them write
        // it at once and one read back the other's tail behind its own JSON.
        JsonPath = Path.Combine(ArtifactFolder.For("sample"), $"sample-result-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(JsonPath, RunResultJson.Serialize(result));
        Result = RunResultJson.Deserialize(await File.ReadAllTextAsync(JsonPath));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
