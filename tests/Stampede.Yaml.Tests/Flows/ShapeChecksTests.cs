using Stampede.Execution;
using Stampede.Yaml.Tests.Streaming;

namespace Stampede.Yaml.Tests.Flows;

/// <summary>Checks on the type and shape of responses, and on numbers read from them, against the demo target.</summary>
public sealed class ShapeChecksTests(DemoTargetFixture target) : IClassFixture<DemoTargetFixture>
{
    [Fact]
    public async Task RunAsync_ShapeChecks_PassOnTheDemoTargetsShapesAndFailOnOthers()
    {
        var plan = target.Load("""
            name: t
            baseUrl: BASE
            scenarios:
              a:
                executor: per-vu-iterations
                flow:
                  - get: /api/health
                    check:
                      "json.uptimeSeconds": { isNumber: true, ">=": 0 }
                      "json.status": { oneOf: [ok, degraded], isString: true }
                      "json.service": { length: ">0" }
                      json: isObject
                      "json.version": { isArray: true }
                      "json.inFlight": { ">": 1000000 }
                      "json.missing": { exists: false }
            """);

        var result = await new Engine().RunAsync(plan);

        var checks = result.Checks.ToDictionary(c => c.Name, c => c.Fails == 0);
        checks["GET /api/health json.uptimeSeconds isNumber, >=0"].ShouldBeTrue();
        checks["GET /api/health json.status is one of ok, degraded, isString"].ShouldBeTrue();
        checks["GET /api/health json.service length >0"].ShouldBeTrue();
        checks["GET /api/health json isObject"].ShouldBeTrue();
        checks["GET /api/health json.version isArray"].ShouldBeFalse();
        checks["GET /api/health json.inFlight >1000000"].ShouldBeFalse();
        checks["GET /api/health json.missing does not exist"].ShouldBeTrue();
    }

    [Fact]
    public void Load_MappingWithoutExpectations_IsALocatedError()
    {
        var result = YamlPlanLoader.LoadText("""
            name: t
            scenarios:
              a:
                flow:
                  - get: http://127.0.0.1:1/
                    check: { status: { name: only a name } }
            """, "t.yaml", ".");

        var error = result.Errors.ShouldHaveSingleItem();
        error.Message.ShouldContain("expected at least one expectation");
        error.Location!.Line.ShouldBe(6);
    }
}
