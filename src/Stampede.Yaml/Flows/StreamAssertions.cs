namespace Stampede.Yaml.Flows;

/// <summary>The checks and captures of a streaming step (or of one WebSocket receive), applied to what it produced.</summary>
internal sealed record StreamAssertions(IReadOnlyList<StreamCheck> Checks, IReadOnlyList<StreamCapture> Captures)
{
    public static StreamAssertions None { get; } = new([], []);

    /// <summary>Records the checks and stores the captures; true when every check passed.</summary>
    public bool Apply(FlowRun run, StreamOutcome outcome)
    {
        var passed = true;
        foreach (var check in Checks)
        {
            var ok = check.Value.IsAny
                ? check.Value.TestAny(outcome, check.Matcher)
                : check.Matcher.Test(check.Value.Read(outcome, out var found), found);
            passed &= run.Vu.Check(check.Name, ok);
        }

        foreach (var capture in Captures)
        {
            var value = capture.Value.Read(outcome, out var found);
            if (!capture.Append)
            {
                run.Captures[capture.Name] = found ? value : null;
                continue;
            }

            if (!run.Captures.TryGetValue(capture.Name, out var existing) || existing is not List<object?> list)
            {
                run.Captures[capture.Name] = list = [];
            }

            if (found)
            {
                list.Add(value);
            }
        }

        return passed;
    }
}
