using System.Text.RegularExpressions;
using Stampede.Plans;
using Stampede.Yaml.Reading;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml;

/// <summary>
/// Loads a YAML test plan into the same <see cref="TestPlan"/> the C# API builds. Every problem is reported at once,
/// each with file, line, column and what was expected; nothing throws for bad input.
/// </summary>
public static partial class YamlPlanLoader
{
    /// <summary>Loads the plan file at <paramref name="path"/>; data files resolve relative to it.</summary>
    public static PlanLoadResult Load(string path, PlanLoadOptions? options = null)
    {
        string text;
        if (Directory.Exists(path))
        {
            // Reading a directory fails with "Access to the path is denied", which sends the user after permissions.
            return new PlanLoadResult { Errors = [new PlanError("", "is a directory; expected a plan file (.yaml or .yml)", new SourceLocation(path))] };
        }

        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new PlanLoadResult { Errors = [new PlanError("", $"cannot read the plan: {exception.Message}", new SourceLocation(path))] };
        }

        return LoadText(text, path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", options);
    }

    /// <summary>Loads plan text; <paramref name="file"/> names it in errors and <paramref name="baseDirectory"/> resolves data files.</summary>
    public static PlanLoadResult LoadText(string text, string file, string baseDirectory, PlanLoadOptions? options = null)
    {
        options ??= new PlanLoadOptions();
        var reader = new PlanReader(file, baseDirectory, options.Env);
        YamlNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
            if (stream.Documents.Count > 1)
            {
                reader.Error("", "expected one plan per file, found several YAML documents ('---')", stream.Documents[1].RootNode);
            }
        }
        catch (YamlException exception)
        {
            var location = new SourceLocation(file, (int)exception.Start.Line, (int)exception.Start.Column);

            // YamlDotNet places a tab-indentation error at the start of the enclosing mapping; point at the tab.
            if (exception.Message.Contains("tab", StringComparison.Ordinal) && FirstTabIndent(text) is { } tab)
            {
                location = location with { Line = tab, Column = 1 };
            }

            return new PlanLoadResult { Errors = [new PlanError("", SyntaxMessage(exception), location)] };
        }

        if (root is null || reader.IsNull(root))
        {
            return new PlanLoadResult { Errors = [new PlanError("", "the plan is empty: expected at least name: and scenarios:", new SourceLocation(file, 1, 1))] };
        }

        var loader = new RootReader(reader, options);
        var (plan, profile) = loader.Read(root);
        if (plan is not null && reader.Errors.Count == 0)
        {
            reader.Errors.AddRange(plan.Validate().Select(Located));
        }

        var errors = InFileOrder(reader.Errors);
        if (plan is null || errors.Count > 0)
        {
            // Warnings about a plan with errors could rest on the parts that failed to read (no request step, no think).
            return new PlanLoadResult { Errors = errors, Profile = profile };
        }

        return new PlanLoadResult
        {
            Plan = plan,
            Profile = profile,
            Warnings = InFileOrder([.. reader.Warnings, .. loader.PauseWarnings, .. plan.Warnings().Select(Located)]),
            StepWarnings = InFileOrder(reader.Warnings),
            PauseWarnings = InFileOrder(loader.PauseWarnings),
        };

        PlanError Located(PlanError problem) =>
            problem.Location is null ? problem with { Location = reader.LocationOf(problem.Path) ?? new SourceLocation(file) } : problem;
    }

    private static List<PlanError> InFileOrder(IEnumerable<PlanError> problems) =>
        [.. problems.OrderBy(e => e.Location?.Line ?? 0).ThenBy(e => e.Location?.Column ?? 0)];

    private static int? FirstTabIndent(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart(' ').StartsWith('\t'))
            {
                return i + 1;
            }
        }

        return null;
    }

    private static string SyntaxMessage(YamlException exception)
    {
        var message = LocationPrefix().Replace(exception.Message, "");
        if (exception.InnerException is { } inner && !string.IsNullOrEmpty(inner.Message))
        {
            message = LocationPrefix().Replace(inner.Message, "");
        }

        return "YAML syntax error: " + message.Trim().TrimEnd('.');
    }

    [GeneratedRegex(@"\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex LocationPrefix();
}
