namespace Stampede.K6.Conversion;

/// <summary>A construct of the script the plan does not carry: written as a YAML comment at its place and warned about.</summary>
internal sealed record ConversionNote(string File, int Line, int Column, string Snippet, string Why)
{
    public string Comment => $"not converted: {Snippet} ({Why})";

    public override string ToString() => $"{File}:{Line}:{Column}: {Comment}";
}
