using System.Text.Json.Serialization;

namespace Stampede.Metrics;

/// <summary>
/// Source-generated metadata for the JSON result, so it reads and writes under NativeAOT. The options are the
/// format's: changing one changes every result file (docs/result-format.md), and the tests pin the bytes.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    WriteIndented = false)]
[JsonSerializable(typeof(RunResult))]
internal sealed partial class RunResultJsonContext : JsonSerializerContext;
