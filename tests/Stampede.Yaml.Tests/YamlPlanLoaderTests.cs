using Stampede.Plans.Executors;
using Stampede.Plans.Profiles;

namespace Stampede.Yaml.Tests;

public sealed class YamlPlanLoaderTests
{
    private const string TwoScenarios = """
        name: t
        baseUrl: ${BASE_URL:-http://127.0.0.1:5000}
        profile: { name: sustained, vus: 8, duration: 20s }
        scenarios:
          a:
            weight: 3
            flow: [ { get: "/a/{{ vu.id }}" } ]
          b:
            flow: [ { get: /b } ]
          c:
            executor: constant-arrival-rate
            rate: 5
            duration: 10s
            preAllocatedVUs: 2
            flow: [ { get: /c } ]
        """;

    [Fact]
    public void LoadText_ProfileWithWeights_SplitsVusAndKeepsExplicitExecutors()
    {
        var plan = YamlPlanLoader.LoadText(TwoScenarios, "t.yaml", ".").Plan!;

        ((ConstantVusOptions)plan.Scenarios[0].Executor).Vus.ShouldBe(6);
        ((ConstantVusOptions)plan.Scenarios[1].Executor).Vus.ShouldBe(2);
        plan.Scenarios[2].Executor.ShouldBeOfType<ConstantArrivalRateOptions>().Rate.ShouldBe(5);
    }

    [Fact]
    public void LoadText_ArrivalRateWithoutOverflow_QueuesWithTheLibrarysDefaults()
    {
        var plan = YamlPlanLoader.LoadText(TwoScenarios, "t.yaml", ".").Plan!;

        var options = plan.Scenarios[2].Executor.ShouldBeOfType<ConstantArrivalRateOptions>();
        options.Overflow.ShouldBe(ArrivalOverflow.Queue);
        options.MaxQueued.ShouldBe(new ConstantArrivalRateOptions().MaxQueued);
        options.MaxQueueWait.ShouldBe(new ConstantArrivalRateOptions().MaxQueueWait);
    }

    [Fact]
    public void LoadText_ArrivalRateOverflowKeys_SetTheBacklog()
    {
        const string yaml = """
            name: open
            scenarios:
              a:
                executor: ramping-arrival-rate
                stages: [ { duration: 10s, target: 50 } ]
                preAllocatedVUs: 2
                overflow: drop
                maxQueued: 500
                maxQueueWait: 2s
                flow: [ { get: /a } ]
            """;

        var options = YamlPlanLoader.LoadText(yaml, "t.yaml", ".").Plan!.Scenarios[0].Executor.ShouldBeOfType<RampingArrivalRateOptions>();

        options.Overflow.ShouldBe(ArrivalOverflow.Drop);
        options.MaxQueued.ShouldBe(500);
        options.MaxQueueWait.ShouldBe(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void LoadText_EnvOverridesDefault_ExpandsBaseUrl()
    {
        var result = YamlPlanLoader.LoadText(TwoScenarios, "t.yaml", ".", new PlanLoadOptions { Env = new Dictionary<string, string> { ["BASE_URL"] = "http://127.0.0.1:9999" } });

        result.Plan!.BaseUrl!.Port.ShouldBe(9999);
    }

    [Fact]
    public void LoadText_ProfileOverride_ReplacesThePlansProfile()
    {
        var result = YamlPlanLoader.LoadText(TwoScenarios, "t.yaml", ".", new PlanLoadOptions { Profile = "spike", ProfileParameters = new ProfileParameters { Vus = 40 } });

        result.Profile.ShouldBeOfType<SpikeProfile>();
        result.Plan!.Scenarios[0].Executor.ShouldBeOfType<RampingVusOptions>().PeakVus.ShouldBe(30);
    }

    [Fact]
    public void LoadText_SeveralProblems_ReportsEveryOneInFileOrder()
    {
        var result = YamlPlanLoader.LoadText("""
            name: t
            scenarios:
              a:
                flow:
                  - get: /a
                    chekc: { status: 200 }
                  - think: -1s
            thresholds:
              nope: [ "p(95)<1" ]
            """, "t.yaml", ".");

        result.Errors.Select(e => e.Location!.Line).ShouldBe([6, 7, 9]);
    }

    [Theory]
    [InlineData("seed: 42\n", 42)]
    [InlineData("", 1)]
    public void LoadText_Seed_SetsThePlansSeed(string line, int expected)
    {
        var plan = YamlPlanLoader.LoadText("name: t\n" + line + "scenarios: { a: { flow: [ { get: http://127.0.0.1/ } ] } }", "t.yaml", ".").Plan!;

        plan.Seed.ShouldBe(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("questions: { strategy: technical }\n")]
    public void LoadText_QuestionTemplate_IsValidWithOrWithoutAQuestionsSection(string questions)
    {
        var result = YamlPlanLoader.LoadText("name: t\n" + questions + "scenarios: { a: { flow: [ { post: http://127.0.0.1/, json: { q: \"{{ question }}\" } } ] } }", "t.yaml", ".");

        result.Errors.ShouldBeEmpty();
    }

    [Fact]
    public void LoadText_UnknownQuestionStrategy_SuggestsTheClosest()
    {
        var result = YamlPlanLoader.LoadText("name: t\nquestions: { strategy: tecnical }\nscenarios: { a: { flow: [ { get: http://127.0.0.1/ } ] } }", "t.yaml", ".");

        result.Errors.ShouldHaveSingleItem().Message.ShouldContain("did you mean 'technical'");
    }

    private static PlanLoadResult Load(string flowAndMore, string executor = "executor: constant-vus\n    duration: 30s") =>
        YamlPlanLoader.LoadText($"""
            name: t
            scenarios:
              a:
                {executor}
            {flowAndMore}
            """, "t.yaml", ".", new PlanLoadOptions { Env = new Dictionary<string, string> { ["FEATURE"] = "off" } });

    [Theory]
    [InlineData("""    flow: [ { if: "{{ vu.id }} == 1", steps: [ { get: /a } ] } ]""")]
    [InlineData("""    flow: [ { if: "false", steps: [ { get: /a } ], else: [ { get: /b } ] } ]""")]
    [InlineData("""    flow: [ { if: "0", steps: [ { get: /a } ] }, { get: /b } ]""")]
    [InlineData("""    flow: [ { if: "on == on", steps: [ { get: /a } ] } ]""")]
    [InlineData("""    flow: [ { repeat: 0, steps: [ { get: /a } ] }, { think: 1s } ]""")]
    public void LoadText_FlowWithAStepThatCanRun_IsValid(string flow)
    {
        var result = Load(flow);

        result.Errors.ShouldBeEmpty();
        result.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void LoadText_ConditionFixedByTheEnvironmentThatNeverHolds_ReportsTheScenario()
    {
        var result = Load("""    flow: [ { if: "${FEATURE} == on", steps: [ { get: /a } ] } ]""");

        var error = result.Errors.ShouldHaveSingleItem();
        error.Message.ShouldContain("if: 'off == on' can never hold");
        error.Location!.Line.ShouldBe(6);
    }

    [Fact]
    public void LoadText_IfWithAlwaysTrueConditionOverAnInertBody_ReportsTheInnerCause()
    {
        var result = Load("""    flow: [ { if: "1", steps: [ { repeat: 0, steps: [ { get: /a } ] } ] } ]""");

        result.Errors.ShouldHaveSingleItem().Message.ShouldContain("repeat: 0 runs its steps no times");
    }

    [Theory]
    [InlineData("ws_connecting", "p(95)<1000", "{ ws: /ws, actions: [ { send: hi }, close ] }")]
    [InlineData("sse_time_to_first_event", "p(95)<1000", "{ sse: /events }")]
    [InlineData("group_duration{scenario:a}", "p(95)<1000", "{ group: checkout, steps: [ { get: /a } ] }")]
    [InlineData("http_req_duration{scenario:a}", "p(95)<1000", "{ get: /a }")]
    [InlineData("checks", "rate>=0", "{ ws: /ws, actions: [ { send: hi }, close ] }")]
    [InlineData("iterations", "count>=0", "{ sse: /events }")]
    [InlineData("data_received", "count>=0", "{ sse: /events }")]
    public void LoadText_ThresholdOnAMetricAStepRecords_HasNoWarning(string metric, string expression, string step)
    {
        var result = Load($"""
                flow: [ {step} ]
            thresholds:
              "{metric}": [ "{expression}" ]
            """);

        result.Errors.ShouldBeEmpty();
        result.Warnings.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("llm_ttft", "llm:")]
    [InlineData("http_req_failed", "request (get:, post:, …)")]
    [InlineData("group_duration", "group:")]
    public void LoadText_ThresholdOnAMetricNoStepRecords_WarnsOncePerMetric(string metric, string steps)
    {
        var expression = metric == "http_req_failed" ? "rate<0.01" : "p(95)<500";
        var filtered = metric + "{scenario:a}";
        var result = Load($"""
                flow: [ {(metric == "http_req_failed" ? "{ sse: /events }" : "{ get: /a }")} ]
            thresholds:
              {metric}: [ "{expression}", "{expression}" ]
              "{filtered}": [ "{expression}" ]
            """);

        result.Errors.ShouldBeEmpty();
        var warning = result.Warnings.ShouldHaveSingleItem();
        warning.Message.ShouldContain($"no step of this plan records '{metric}': only {steps} steps do");
        warning.Location!.Line.ShouldBe(8);
    }

    [Fact]
    public void LoadText_PausesWithinTheScenario_HaveNoWarning()
    {
        var result = Load("""
                flow:
                  - get: /a
                  - think: { uniform: [1s, 10m] }
                  - if: "{{ vu.id }} == 1"
                    steps: [ { think: 40s } ]
            """);

        result.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void LoadText_PausesAddingUpPastTheScenario_WarnAtTheThinkThatCrossesIt()
    {
        var result = Load("""
                flow:
                  - think: 10s
                  - repeat: 3
                    steps: [ { get: /a }, { think: 8s } ]
                  - think: 5s
            """);

        var warning = result.Warnings.ShouldHaveSingleItem();
        warning.Message.ShouldContain("pauses at least 39s in think steps, as long as or longer than the whole scenario (30s)");
        (warning.Location!.Line, warning.Location.Column).ShouldBe((9, 40));
    }

    [Fact]
    public void LoadText_PauseAsLongAsAnIterationExecutorsMaxDuration_NamesMaxDuration()
    {
        var result = Load("""    flow: [ { get: /a }, { think: 2m } ]""", "executor: shared-iterations\n    iterations: 5\n    maxDuration: 1m");

        result.Warnings.ShouldHaveSingleItem().Message.ShouldContain("(its maxDuration, 1m)");
    }

    [Fact]
    public void LoadText_RedactList_AddsParameterNamesToThePlan()
    {
        var result = YamlPlanLoader.LoadText("name: t\nredact: [session_id, \"${SIG_PARAM}\"]\nscenarios: { a: { flow: [ { get: http://127.0.0.1/ } ] } }", "t.yaml", ".",
            new PlanLoadOptions { Env = new Dictionary<string, string> { ["SIG_PARAM"] = "x-sig" } });

        result.Errors.ShouldBeEmpty();
        result.Plan!.Redact.ShouldBe(["session_id", "x-sig"]);
    }
}
