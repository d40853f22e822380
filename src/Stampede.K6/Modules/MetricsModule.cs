using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Modules;
using Stampede.K6.Runtime;
using Stampede.Metrics;

namespace Stampede.K6.Modules;

/// <summary>
/// <c>k6/metrics</c>: <c>Counter</c>, <c>Gauge</c>, <c>Rate</c>, <c>Trend</c> (with <c>isTime</c>) record into the
/// run's registry, beside the built-in metrics, so thresholds and every output treat them alike.
/// </summary>
internal static class MetricsModule
{
    // The classes are JavaScript so that scripts can construct and subclass them; recording is the host's.
    private static readonly Prepared<Acornima.Ast.Script> Classes = Engine.PrepareScript("""
        (function (host) {
          function make(kind) {
            return class {
              constructor(name, isTime) { this.name = name; Object.defineProperty(this, '__id', { value: host.define(kind, name, !!isTime) }); }
              add(value, tags) { host.add(this.__id, value, tags); return true; }
            };
          }
          return { Counter: make('Counter'), Gauge: make('Gauge'), Rate: make('Rate'), Trend: make('Trend') };
        })
        """);

    public static void Build(VuScope scope, ModuleBuilder module)
    {
        var engine = scope.Engine;
        var metrics = new List<Metric>();
        var host = Js.Object(engine);
        host.Put("define", Js.Function(engine, "define", (_, args) => Define(scope, metrics, args), 3));
        host.Put("add", Js.Function(engine, "add", (_, args) => Add(scope, metrics[(int)TypeConverter.ToNumber(args.Arg(0))], args.Arg(1), args.Arg(2)), 3));
        var classes = (ObjectInstance)engine.Call(engine.Evaluate(Classes), JsValue.Undefined, [host]);
        var exports = Js.Object(engine);
        foreach (var name in new[] { "Counter", "Gauge", "Rate", "Trend" })
        {
            module.ExportValue(name, classes.Get(name));
            exports.Put(name, classes.Get(name));
        }

        module.ExportValue("default", exports);
    }

    private static JsValue Define(VuScope scope, List<Metric> metrics, JsValue[] args)
    {
        var engine = scope.Engine;
        if (!scope.InInit)
        {
            throw Js.Error(engine, "metrics must be declared in the init context (outside functions), as in k6");
        }

        var kind = Enum.Parse<MetricKind>(args.Arg(0).ToString());
        var name = TypeConverter.ToString(args.Arg(1));
        if (!Metric.IsValidName(name))
        {
            throw Js.TypeError(engine, $"invalid metric name '{name}': a letter or underscore, then letters, digits, underscores or dots");
        }

        var isTime = kind == MetricKind.Trend && TypeConverter.ToBoolean(args.Arg(2));
        var metric = scope.Script.DefineMetric(new Metric(name, kind, isTime ? MetricUnit.Time : MetricUnit.None));
        if (metric.Kind != kind)
        {
            throw Js.TypeError(engine, $"metric '{name}' is already a {metric.Kind.ToString().ToLowerInvariant()}");
        }

        metrics.Add(metric);
        return metrics.Count - 1;
    }

    private static JsValue Add(VuScope scope, Metric metric, JsValue value, JsValue extraTags)
    {
        var vu = scope.Require($"{metric.Name}.add()");
        var tags = vu.Tags;
        if (extraTags is ObjectInstance extra)
        {
            tags = tags.With(RequestTags.All(extra));
        }

        var registry = vu.Metrics;
        switch (metric.Kind)
        {
            case MetricKind.Counter:
                registry.Counter(metric, tags).Add(TypeConverter.ToNumber(value));
                break;
            case MetricKind.Gauge:
                registry.Gauge(metric, tags).Set(TypeConverter.ToNumber(value));
                break;
            case MetricKind.Rate:
                registry.Rate(metric, tags).Add(TypeConverter.ToBoolean(value));
                break;
            default:
                registry.Trend(metric, tags).Record(TypeConverter.ToNumber(value));
                break;
        }

        return JsValue.Undefined;
    }
}
