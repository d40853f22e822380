namespace Stampede.Yaml.Schema;

/// <summary>The JSON Schema (draft 2020-12) of the YAML plan format, for editors' completion and validation.</summary>
public static class PlanSchema
{
    /// <summary>The schema as JSON text.</summary>
    public static string Json { get; } = Read();

    private static string Read()
    {
        using var stream = typeof(PlanSchema).Assembly.GetManifestResourceStream("Stampede.Yaml.plan.schema.json")
            ?? throw new InvalidOperationException("the plan schema is not embedded in the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
