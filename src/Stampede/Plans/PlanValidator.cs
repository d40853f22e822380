using Stampede.Metrics;

namespace Stampede.Plans;

/// <summary>Checks a plan once, when it loads, and reports every problem at once.</summary>
internal static class PlanValidator
{
    public static IReadOnlyList<PlanError> Validate(TestPlan plan)
    {
        var errors = new List<PlanError>();
        if (string.IsNullOrWhiteSpace(plan.Name))
        {
            errors.Add(new PlanError("name", "must not be empty"));
        }

        if (plan.Scenarios.Count == 0)
        {
            errors.Add(new PlanError("scenarios", "the plan has no scenario to run"));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scenario in plan.Scenarios)
        {
            var path = $"scenarios.{scenario.Name}";
            if (string.IsNullOrWhiteSpace(scenario.Name))
            {
                errors.Add(new PlanError("scenarios", "a scenario has no name"));
            }
            else if (!names.Add(scenario.Name))
            {
                errors.Add(new PlanError(path, "two scenarios have this name"));
            }

            scenario.Executor.Validate(path, errors);
            if (scenario.StartTime < TimeSpan.Zero)
            {
                errors.Add(new PlanError($"{path}.startTime", "must not be negative"));
            }

            if (scenario.GracefulStop < TimeSpan.Zero)
            {
                errors.Add(new PlanError($"{path}.gracefulStop", "must not be negative"));
            }
        }

        if (plan.Http.Timeout <= TimeSpan.Zero)
        {
            errors.Add(new PlanError("http.timeout", "must be greater than 0"));
        }

        if (plan.Http.MaxRedirects is < 0 or > 100)
        {
            errors.Add(new PlanError("http.maxRedirects", $"must be between 0 and 100, got {plan.Http.MaxRedirects}"));
        }

        if (plan.BaseUrl is { } baseUrl && (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add(new PlanError("baseUrl", $"expected an absolute http:// or https:// URL, found '{baseUrl}'"));
        }

        for (var i = 0; i < plan.Redact.Count; i++)
        {
            if (UrlRedaction.ProblemWithName(plan.Redact[i]) is { } problem)
            {
                errors.Add(new PlanError($"redact[{i}]", problem));
            }
        }

        ThresholdValidation.Validate(plan, errors);
        return errors;
    }
}
