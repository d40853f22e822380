using Stampede.Plans;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>Reads <c>thresholds:</c> as written and places each problem the library finds in them at the text it is about.</summary>
internal sealed class ThresholdReader(PlanReader reader)
{
    /// <summary>Reads thresholds as written; the library judges them, and each problem is placed at the text it is about.</summary>
    public List<ThresholdPlan> Read(YamlNode node, IReadOnlyList<Metrics.Metric> declared)
    {
        var thresholds = new List<ThresholdPlan>();
        var written = new List<(YamlNode Selector, YamlNode Expression, YamlNode? Delay)>();
        foreach (var (selectorText, keyNode, value) in reader.Mapping(node, "thresholds", null, "thresholds (metric: [expressions])"))
        {
            var path = "thresholds." + selectorText;
            var items = value is YamlSequenceNode list ? list.Children : [value];
            foreach (var item in items)
            {
                string? expression;
                var abort = false;
                var delay = TimeSpan.Zero;
                YamlNode at = item;
                YamlNode? delayNode = null;
                if (item is YamlMappingNode)
                {
                    var get = reader.Mapping(item, path, PlanKeys.Threshold, "a threshold { threshold, abortOnFail, delayAbortEval }").ToDictionary(e => e.Key, e => e.Value);
                    if (!get.TryGetValue("threshold", out var exprNode))
                    {
                        reader.Error(path, "missing threshold: (an expression such as \"rate<0.01\")", item);
                        continue;
                    }

                    at = exprNode;
                    expression = reader.Text(exprNode, path + ".threshold", "a threshold expression");
                    abort = get.TryGetValue("abortOnFail", out var a) && reader.Bool(a, path + ".abortOnFail") == true;
                    delayNode = get.GetValueOrDefault("delayAbortEval");
                    delay = delayNode is null ? TimeSpan.Zero : reader.Duration(delayNode, path + ".delayAbortEval") ?? TimeSpan.Zero;
                }
                else
                {
                    expression = reader.Text(item, path, "a threshold expression such as \"p(95)<500\"");
                }

                if (expression is null)
                {
                    continue;
                }

                thresholds.Add(new ThresholdPlan(selectorText, expression, abort, delay) { Location = reader.At(at) });
                written.Add((keyNode, at, delayNode));
            }
        }

        foreach (var problem in ThresholdValidation.Problems(thresholds, declared))
        {
            var (selector, expression, delay) = written[problem.Index];
            var at = problem.Part switch
            {
                ThresholdPart.Selector => selector,
                ThresholdPart.Expression => expression,
                _ => delay ?? expression,
            };
            reader.Errors.Add(new PlanError(problem.Path, problem.Message, problem.Column is { } column ? Column(at, column) : reader.At(at)));
        }

        return thresholds;
    }

    /// <summary>A threshold on a built-in metric that only a kind of step records, when the plan has no such step.</summary>
    public void WarnOfUnrecordedMetrics(List<ThresholdPlan> thresholds, HashSet<string> recording, IReadOnlyList<Metrics.Metric> declared)
    {
        var warned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var threshold in thresholds)
        {
            var selector = Stampede.Thresholds.MetricSelector.Parse(threshold.Selector);
            if (!selector.Succeeded || declared.Any(m => m.Name == selector.Value.MetricName))
            {
                continue;
            }

            var metric = selector.Value.MetricName;
            if (StepMetrics.RecordedBy(metric) is { } source && !recording.Contains(source.Kind) && warned.Add(metric))
            {
                reader.Warnings.Add(new PlanError("thresholds." + threshold.Selector,
                    $"no step of this plan records '{metric}': only {source.Steps} steps do, so this threshold has nothing to judge",
                    threshold.Location));
            }
        }
    }

    private SourceLocation Column(YamlNode node, int offset)
    {
        var at = reader.At(node);
        var quoted = node is YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } ? 1 : 0;
        return at with { Column = at.Column + Math.Max(0, offset) + quoted };
    }
}
