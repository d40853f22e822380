using Xunit;

namespace Stampede.EndToEnd.Tests;

/// <summary>Tests whose thresholds judge latency run alone, so other tests' load does not decide their outcome.</summary>
[CollectionDefinition(nameof(SerialCollection), DisableParallelization = true)]
public sealed class SerialCollection;
