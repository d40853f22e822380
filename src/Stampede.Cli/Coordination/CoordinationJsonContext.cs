using System.Text.Json.Serialization;

namespace Stampede.Cli.Coordination;

/// <summary>Source-generated metadata for the coordination messages, so they read and write under NativeAOT.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WorkerJoin))]
[JsonSerializable(typeof(WorkerAssignment))]
[JsonSerializable(typeof(StartSignal))]
[JsonSerializable(typeof(WorkerProgress))]
[JsonSerializable(typeof(WorkerFailure))]
[JsonSerializable(typeof(ProgressAnswer))]
[JsonSerializable(typeof(SetupOutcome))]
[JsonSerializable(typeof(TeardownSignal))]
internal sealed partial class CoordinationJsonContext : JsonSerializerContext;
