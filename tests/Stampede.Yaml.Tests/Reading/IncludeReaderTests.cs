using Stampede.Execution;
using Stampede.Yaml.Tests.Streaming;

namespace Stampede.Yaml.Tests.Reading;

public sealed class IncludeReaderTests(DemoTargetFixture target) : IClassFixture<DemoTargetFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stampede-include-").FullName;

    [Fact]
    public async Task Load_TopLevelAndStepIncludes_ShareVarsThresholdsAndSteps()
    {
        Write("common/suite.yaml", """
            vars:
              missionName: "from the suite"
              greeting: "suite hello"
            thresholds:
              checks: [ "rate>0.5" ]
              http_req_failed: [ "rate<0.5" ]
            """);
        Write("common/create.yaml", """
            - post: /api/missions
              json: { name: "{{ missionName }}" }
              check: { status: 201 }
              capture: { missionId: json.id }
            """);
        var plan = Load("plan.yaml", $$$"""
            name: t
            baseUrl: {{{target.Server.BaseAddress.ToString().TrimEnd('/')}}}
            include: common/suite.yaml
            vars:
              missionName: "the plan's own"
            thresholds:
              checks: [ "rate>0.9" ]
            scenarios:
              a:
                executor: per-vu-iterations
                flow:
                  - include: common/create.yaml
                  - get: /api/missions/{{ missionId }}
                    check: { status: 200, "json.name": "the plan's own" }
            """);

        var result = await new Engine().RunAsync(plan);

        result.Checks.Count.ShouldBe(3);
        result.Checks.Where(c => c.Fails > 0 || c.Passes != 1).ShouldBeEmpty();
        // the plan's own checks threshold won; http_req_failed came from the suite
        result.Thresholds.Select(t => t.Metric + " " + t.Expression).Order().ShouldBe(["checks rate>0.9", "http_req_failed rate<0.5"]);
    }

    [Fact]
    public void Load_IncludeCycle_IsAnErrorAtTheIncludeThatClosesIt()
    {
        Write("a.yaml", "include: b.yaml\nvars: { x: a }\n");
        Write("b.yaml", "vars: { y: b }\ninclude: [ a.yaml ]\n");
        Write("plan.yaml", "name: t\ninclude: a.yaml\nscenarios:\n  s:\n    flow:\n      - get: http://127.0.0.1:1/\n");

        var result = YamlPlanLoader.Load(Path.Combine(_folder, "plan.yaml"));

        var error = result.Errors.ShouldHaveSingleItem();
        error.Message.ShouldBe("include cycle: a.yaml → b.yaml → a.yaml");
        Path.GetFileName(error.Location!.File).ShouldBe("b.yaml");
        (error.Location.Line, error.Location.Column).ShouldBe((2, 12));
    }

    [Fact]
    public void Load_StepFileIncludingItself_IsACycle()
    {
        Write("loop.yaml", "- get: http://127.0.0.1:1/\n- group: again\n  steps:\n    - include: loop.yaml\n");
        Write("plan.yaml", "name: t\nscenarios:\n  s:\n    flow:\n      - include: loop.yaml\n");

        var result = YamlPlanLoader.Load(Path.Combine(_folder, "plan.yaml"));

        var error = result.Errors.ShouldHaveSingleItem();
        error.Message.ShouldBe("include cycle: loop.yaml → loop.yaml");
        Path.GetFileName(error.Location!.File).ShouldBe("loop.yaml");
        (error.Location.Line, error.Location.Column).ShouldBe((4, 16));
    }

    [Fact]
    public void Load_ProblemInsideAnIncludedFile_IsLocatedInThatFile()
    {
        Write("common/steps.yaml", "- get: http://127.0.0.1:1/\n  chekc: { status: 200 }\n");
        Write("plan.yaml", "name: t\nscenarios:\n  s:\n    flow:\n      - include: common/steps.yaml\n");

        var result = YamlPlanLoader.Load(Path.Combine(_folder, "plan.yaml"));

        var error = result.Errors.ShouldHaveSingleItem();
        error.Message.ShouldContain("did you mean 'check'");
        error.Location!.File!.Replace('\\', '/').ShouldEndWith("common/steps.yaml");
        (error.Location.Line, error.Location.Column).ShouldBe((2, 3));
    }

    [Fact]
    public void Load_PathsInAnIncludedFile_AreRelativeToIt()
    {
        Write("common/data/payload.txt", "hello");
        Write("common/upload.yaml", "- post: http://127.0.0.1:1/\n  bodyFile: data/payload.txt\n");
        Write("plan.yaml", "name: t\nscenarios:\n  s:\n    flow:\n      - include: common/upload.yaml\n");

        var result = YamlPlanLoader.Load(Path.Combine(_folder, "plan.yaml"));

        result.Errors.ShouldBeEmpty();
    }

    [Fact]
    public void Load_MissingIncludedFile_IsLocatedAtTheInclude()
    {
        Write("plan.yaml", "name: t\ninclude: [ nowhere.yaml ]\nscenarios:\n  s:\n    flow:\n      - get: http://127.0.0.1:1/\n");

        var result = YamlPlanLoader.Load(Path.Combine(_folder, "plan.yaml"));

        var error = result.Errors.ShouldHaveSingleItem();
        error.Message.ShouldContain("included file 'nowhere.yaml' not found");
        (error.Location!.Line, error.Location.Column).ShouldBe((2, 12));
    }

    [Fact]
    public void Load_IncludedFragmentWithScenarios_IsAnErrorInThatFile()
    {
        Write("common/fragment.yaml", "vars: { a: b }\nscenarios:\n  b:\n    flow:\n      - get: http://127.0.0.1:1/\n");
        Write("plan.yaml", "name: t\ninclude: common/fragment.yaml\nscenarios:\n  s:\n    flow:\n      - get: http://127.0.0.1:1/\n");

        var result = YamlPlanLoader.Load(Path.Combine(_folder, "plan.yaml"));

        var error = result.Errors.ShouldHaveSingleItem();
        error.Message.ShouldStartWith("unknown key 'scenarios' in an included file");
        error.Location!.File!.Replace('\\', '/').ShouldEndWith("common/fragment.yaml");
        (error.Location.Line, error.Location.Column).ShouldBe((2, 1));
    }

    private void Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private Plans.TestPlan Load(string name, string text)
    {
        Write(name, text);
        var result = YamlPlanLoader.Load(Path.Combine(_folder, name));
        result.Errors.ShouldBeEmpty();
        return result.Plan!;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
