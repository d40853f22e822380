using Stampede.Yaml.Templates;

namespace Stampede.Yaml.Data;

/// <summary>
/// Questions for LLM plans (<c>{{ question }}</c>) from a templates file: <c>sequential</c> in order, <c>random</c>
/// or <c>mixed</c> (a seeded shuffle, so the same seed asks the same questions in the same order). Each template
/// may itself use placeholders such as <c>{{ fake.word }}</c>.
/// </summary>
internal sealed class QuestionSource(string strategy, int seed, IReadOnlyList<TextTemplate> templates)
{
    private long _next = -1;

    public int Count => templates.Count;

    public string Next(ITemplateScope scope)
    {
        var n = Interlocked.Increment(ref _next);
        var index = strategy == "sequential"
            ? (int)(n % templates.Count)
            : new Random(unchecked(seed * 31 + (int)n)).Next(templates.Count);
        return templates[index].Render(scope);
    }
}
