using Jint;
using System.Text.Json.Nodes;
using Acornima.Ast;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;
using Stampede.Execution;
using Stampede.K6.Options;
using Stampede.K6.Runtime;
using Stampede.K6.Scripts;
using Stampede.Plans;

namespace Stampede.K6;

/// <summary>
/// Loads a k6 script into a <see cref="TestPlan"/>: parses every module it imports, runs its init context once to
/// read <c>options</c>, and makes each scenario's iteration call the script's function in the VU's own engine.
/// </summary>
public static class K6ScriptLoader
{
    /// <summary>Loads <paramref name="file"/>; on bad input the result holds located errors and no plan.</summary>
    public static K6LoadResult Load(string file, K6LoadOptions options)
    {
        var errors = new List<PlanError>();
        var sources = ScriptSources.Load(file, errors);
        if (errors.Count > 0)
        {
            return new K6LoadResult { Errors = errors };
        }

        var script = new K6Script(sources, options.Env) { Log = options.Log };
        var initRuntime = script.RuntimeFor(0);
        ObjectInstance exports;
        try
        {
            exports = initRuntime.Init();
        }
        catch (JavaScriptException exception)
        {
            script.Dispose();
            return new K6LoadResult { Errors = [InitError(file, exception)] };
        }

        var functions = exports.GetOwnPropertyKeys(Types.String)
            .Where(k => exports.Get(k) is Function)
            .Select(k => k.ToString())
            .ToHashSet(StringComparer.Ordinal);
        var location = OptionsLocation(sources, file);
        var reader = new OptionsReader(location, errors);
        JsonObject? optionsJson = null;
        var optionsValue = exports.Get("options");
        if (!optionsValue.IsUndefined())
        {
            optionsJson = JsonNode.Parse(Js.Stringify(initRuntime.Scope!.Engine, optionsValue)) as JsonObject;
            if (optionsJson is null)
            {
                errors.Add(new PlanError("options", "expected 'export const options' to be an object", location));
            }
        }

        var k6Options = reader.Read(optionsJson, functions);
        if (optionsJson?["scenarios"] is null && !functions.Contains("default"))
        {
            errors.Add(new PlanError("script", "the script has no default function: add 'export default function () { … }' or declare scenarios with 'exec'", new SourceLocation(file)));
        }

        if (errors.Count > 0)
        {
            script.Dispose();
            return new K6LoadResult { Errors = errors };
        }

        script.Requests = new K6RequestOptions
        {
            UserAgent = k6Options.UserAgent,
            DiscardResponseBodies = k6Options.DiscardResponseBodies,
            NoCookiesReset = k6Options.NoCookiesReset,
        };
        script.Executors = k6Options.Scenarios.ToDictionary(s => s.Name, s => s.Executor.Type, StringComparer.Ordinal);
        var plan = new TestPlan
        {
            Name = Path.GetFileNameWithoutExtension(file),
            Source = file,
            Scenarios = [.. k6Options.Scenarios.Select(s => new ScenarioPlan
            {
                Name = s.Name,
                Executor = s.Executor,
                Iteration = vu => script.RuntimeFor(vu.Id).IterateAsync(vu, s.Exec),
                StartTime = s.StartTime,
                GracefulStop = s.GracefulStop,
                Tags = s.Tags,
                Env = s.Env,
            })],
            Thresholds = k6Options.Thresholds,
            Tags = k6Options.Tags,
            Env = options.Env,
            Metrics = [.. script.CustomMetrics],
            SetupTimeout = k6Options.SetupTimeout,
            Http = new HttpDefaults
            {
                InsecureSkipTlsVerify = k6Options.InsecureSkipTlsVerify,
                MaxRedirects = k6Options.MaxRedirects ?? new HttpDefaults().MaxRedirects,
            },
            Prepare = (running, cancellationToken) => script.InitializeAsync(VusToInitialize(running), cancellationToken),
            Setup = functions.Contains("setup") ? vu => SetupAsync(initRuntime, vu) : null,
            Teardown = functions.Contains("teardown") ? (vu, _) => TeardownAsync(initRuntime, vu) : null,

            // Setup's data is JSON already (k6 hands each VU a copy parsed from it); every engine reads it from the script.
            WriteSetupData = data => data as string,
            ReadSetupData = json =>
            {
                script.SetupJson = json;
                return json;
            },
        };
        var handlesSummary = functions.Contains("handleSummary");
        return new K6LoadResult
        {
            Plan = plan,
            Script = script,
            Options = k6Options,
            HasHandleSummary = handlesSummary,
            Summary = new Summary.ScriptSummary(script, k6Options, handlesSummary),
        };
    }

    /// <summary>The VUs k6 initialises before the start: every scenario's peak, but only the pre-allocated ones of an arrival-rate scenario.</summary>
    private static int VusToInitialize(TestPlan plan) =>
        plan.Scenarios.Sum(s => s.Executor is Stampede.Plans.Executors.ArrivalRateOptions arrivals ? arrivals.PreAllocatedVus : s.Executor.PeakVus);

    private static async Task<object?> SetupAsync(VuRuntime runtime, VuContext vu)
    {
        await runtime.RunAsync(() =>
        {
            var scope = runtime.Scope!;
            scope.Vu = vu;
            try
            {
                var data = JsValue.Undefined;
                VuRuntime.RunToCompletion(scope, vu, () => data = scope.Engine.Call(runtime.Init().Get("setup"), JsValue.Undefined, []));
                runtime.Script.SetupJson = data.IsUndefined() ? null : Js.Stringify(scope.Engine, data);
            }
            finally
            {
                scope.Loop.Stop();
                scope.Vu = null;
            }
        }).ConfigureAwait(false);
        return runtime.Script.SetupJson;
    }

    private static Task TeardownAsync(VuRuntime runtime, VuContext vu) => runtime.RunAsync(() =>
    {
        var scope = runtime.Scope!;
        scope.Vu = vu;
        try
        {
            var data = runtime.Script.SetupJson is { } json ? Js.Parse(scope.Engine, json) : JsValue.Undefined;
            VuRuntime.RunToCompletion(scope, vu, () => scope.Engine.Call(runtime.Init().Get("teardown"), JsValue.Undefined, [data]));
        }
        finally
        {
            scope.Loop.Stop();
            scope.Vu = null;
        }
    });

    private static PlanError InitError(string file, JavaScriptException exception)
    {
        var location = exception.Location;
        var source = location.SourceFile is { Length: > 0 } f ? ScriptSources.Display(f) : file;
        return new PlanError("init", $"the script's init context threw: {exception.Message}", new SourceLocation(source, location.Start.Line, location.Start.Column + 1));
    }

    /// <summary>Where <c>export const options</c> is, so option errors point at it.</summary>
    private static SourceLocation OptionsLocation(ScriptSources sources, string file)
    {
        foreach (var statement in sources[sources.MainKey].Program!.Body)
        {
            if (statement is ExportNamedDeclaration { Declaration: VariableDeclaration declaration }
                && declaration.Declarations.Any(d => d.Id is Identifier { Name: "options" }))
            {
                return new SourceLocation(file, statement.Location.Start.Line, statement.Location.Start.Column + 1);
            }
        }

        return new SourceLocation(file);
    }
}
