using Stampede.Execution;
using Stampede.K6;
using Stampede.Metrics;

namespace Stampede.K6.Tests;

public sealed class TimersModuleTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stampede-k6timers-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Timers_IterationWaitsForEveryTimer_ClearedOnesNeverFire()
    {
        var result = await RunAsync("""
            import { setTimeout as later, clearTimeout as cancel } from 'k6/timers';
            import { Counter } from 'k6/metrics';

            export const options = { vus: 1, iterations: 2 };
            const fired = new Counter('fired');

            export default function () {
              let ticks = 0;
              const id = setInterval(() => { ticks++; if (ticks === 3) { clearInterval(id); fired.add(1, { what: 'interval' }); } }, 10);
              later((a, b) => fired.add(a + b, { what: 'timeout' }), 20, 2, 3);
              cancel(setTimeout(() => fired.add(100, { what: 'cleared' }), 5));
            }
            """);

        result.Metric("iterations")!.Values.Count.ShouldBe(2);
        result.Metric("fired")!.Values.Count.ShouldBe(2 * (1 + 5));
        result.Metric("fired")!.Series.ShouldNotContain(s => s.Tags.GetValueOrDefault("what") == "cleared");
        result.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Timers_AsyncIterationAwaitingATimer_GetsItsValue()
    {
        var result = await RunAsync("""
            import { check } from 'k6';

            export const options = { vus: 1, iterations: 3 };

            export default async function () {
              const value = await new Promise((resolve) => setTimeout(() => resolve(7), 10));
              check(value, { 'awaited the timer': (v) => v === 7 });
            }
            """);

        result.Checks.Single(c => c.Name == "awaited the timer").Passes.ShouldBe(3);
        result.Checks.Single().Fails.ShouldBe(0);
    }

    [Fact]
    public async Task Timers_ThrowingCallback_IsTheIterationsErrorAndLaterTimersAreDropped()
    {
        var result = await RunAsync("""
            import { Counter } from 'k6/metrics';

            export const options = { vus: 1, iterations: 2 };
            const after = new Counter('after_throw');

            export default function () {
              setTimeout(() => { throw new Error('boom in a timer'); }, 1);
              setTimeout(() => after.add(1), 30);
            }
            """);

        result.Metric("iterations")!.Values.Count.ShouldBe(2);
        result.Errors.ShouldContain(e => e.Message.Contains("boom in a timer"));
        (result.Metric("after_throw")?.Values.Count ?? 0).ShouldBe(0);
    }

    [Fact]
    public async Task Timers_StoppedIteration_EndsWithoutWaitingForALongTimer()
    {
        var result = await RunAsync("""
            export const options = { scenarios: { s: { executor: 'constant-vus', vus: 1, duration: '1s', gracefulStop: '0s' } } };

            export default function () {
              setTimeout(() => {}, 60000);
            }
            """);

        result.Meta.DurationSeconds.ShouldBeLessThan(15);
    }

    private async Task<RunResult> RunAsync(string script)
    {
        var file = Path.Combine(_folder, $"script-{Guid.NewGuid():N}.js");
        await File.WriteAllTextAsync(file, script, TestContext.Current.CancellationToken);
        using var load = K6ScriptLoader.Load(file, new K6LoadOptions());
        load.Errors.ShouldBeEmpty();
        return await new Engine(new EngineOptions()).RunAsync(load.Plan!).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }
}
