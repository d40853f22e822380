using System.Globalization;
using Stampede.Data.Templates;
using Stampede.Metrics;
using Stampede.Protocols.Http;

namespace Stampede.Yaml.Flows;

/// <summary>
/// One entry of a request step's <c>metric:</c>: what it adds to a custom metric after the response is checked and
/// captured — a constant, a template (a condition for a rate), or a value read from the response as a check reads it.
/// A value that is not a number is not recorded, so one odd response cannot poison a trend with a zero.
/// </summary>
internal sealed record MetricAdd(Metric Metric, double? Constant = null, Template? Number = null, Condition? Condition = null, ResponseValue? Value = null)
{
    public void Record(FlowRun run, HttpResponse response)
    {
        var registry = run.Vu.Metrics;
        var tags = run.Vu.Tags;
        if (Metric.Kind == MetricKind.Rate)
        {
            registry.Rate(Metric, tags).Add(Holds(run, response));
            return;
        }

        if (Amount(run, response) is not { } amount)
        {
            return;
        }

        switch (Metric.Kind)
        {
            case MetricKind.Counter:
                registry.Counter(Metric, tags).Add(amount);
                break;
            case MetricKind.Gauge:
                registry.Gauge(Metric, tags).Set(amount);
                break;
            default:
                registry.Trend(Metric, tags).Record(amount);
                break;
        }
    }

    private bool Holds(FlowRun run, HttpResponse response)
    {
        if (Constant is { } constant)
        {
            return constant != 0;
        }

        if (Condition is not null)
        {
            return Condition.Test(run.Scope);
        }

        var value = Value!.Read(response, out var found);
        var text = ResponseValue.Format(value).Trim();
        return found && text.Length > 0 && text != "false" && text != "0";
    }

    private double? Amount(FlowRun run, HttpResponse response)
    {
        if (Constant is { } constant)
        {
            return constant;
        }

        if (Number is not null)
        {
            return Parse(Number.Render(run.Scope));
        }

        var value = Value!.Read(response, out var found);
        return !found ? null : value is bool b ? (b ? 1 : 0) : ValueMatcher.ToNumber(value) ?? Parse(ResponseValue.Format(value));
    }

    private static double? Parse(string text) => text.Trim() switch
    {
        "true" => 1,
        "false" => 0,
        var t when double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => d,
        _ => null,
    };
}
