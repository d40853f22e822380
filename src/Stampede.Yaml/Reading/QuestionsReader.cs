using Stampede.Data.Questions;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>Reads <c>questions:</c>: the strategy of generated questions and an optional file of templates.</summary>
internal sealed class QuestionsReader(PlanReader reader)
{
    public (QuestionStrategy Strategy, IReadOnlyList<QuestionTemplate>? Templates) Read(YamlNode node)
    {
        var get = reader.Mapping(node, "questions", PlanKeys.Questions, "questions { strategy, templates }").ToDictionary(e => e.Key, e => e.Value);
        var strategy = get.TryGetValue("strategy", out var s) ? reader.OneOf(s, "questions.strategy", PlanKeys.QuestionStrategies) : null;
        var parsed = strategy is null ? QuestionStrategy.Mixed : Enum.Parse<QuestionStrategy>(strategy, ignoreCase: true);
        if (!get.TryGetValue("templates", out var t) || reader.Text(t, "questions.templates", "a file path") is not { } file)
        {
            return (parsed, null);
        }

        var full = Path.GetFullPath(Path.Combine(reader.BaseDirectory, file));
        if (!File.Exists(full))
        {
            reader.Error("questions.templates", $"questions file '{file}' not found (paths are relative to the plan file)", t);
            return (parsed, null);
        }

        var before = reader.Errors.Count;
        var templates = QuestionGenerator.LoadTemplates(full, reader.Errors);
        for (var i = before; i < reader.Errors.Count; i++)
        {
            reader.Errors[i] = reader.Errors[i] with { Location = reader.Errors[i].Location ?? reader.At(t) };
        }

        if (reader.Errors.Count == before && templates.Count == 0)
        {
            reader.Error("questions.templates", $"questions file '{file}' has no questions", t);
        }

        return (parsed, reader.Errors.Count == before ? templates : null);
    }
}
