namespace Stampede.Data.Questions;

/// <summary>
/// A custom question with placeholders: <c>"What is the capital of {country}?"</c> and, for each placeholder, the values
/// it takes. Every combination of values is one question.
/// </summary>
public sealed class QuestionTemplate
{
    /// <summary>Creates a template; every <c>{name}</c> in <paramref name="text"/> needs a non-empty list in <paramref name="variables"/>.</summary>
    public QuestionTemplate(string text, IReadOnlyDictionary<string, IReadOnlyList<string>>? variables = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        Variables = variables ?? new Dictionary<string, IReadOnlyList<string>>();
    }

    /// <summary>The question with <c>{name}</c> placeholders.</summary>
    public string Text { get; }

    /// <summary>Values for each placeholder.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Variables { get; }
}
