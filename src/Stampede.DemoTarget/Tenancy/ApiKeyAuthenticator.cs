using Stampede.DemoTarget.Hosting;

namespace Stampede.DemoTarget.Tenancy;

/// <summary>Bearer keys and budgets for the AI endpoints, answering in OpenAI's error format.</summary>
internal sealed class ApiKeyAuthenticator(TenantStore tenants, DemoTargetOptions options)
{
    /// <summary>The caller's organisation, or the error to answer with (401 without a valid key, 429 over budget).</summary>
    public (Organization? Org, IResult? Error) Authorize(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var secret = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        var org = tenants.Authenticate(secret);
        if (org is null)
        {
            return (null, TenancyEndpoints.Error(
                StatusCodes.Status401Unauthorized,
                "invalid_api_key",
                secret is null ? "Missing API key: send 'Authorization: Bearer <key>'." : "Incorrect API key provided."));
        }

        // With LeakyBudgets one organisation's spent budget refuses everyone: the bug an isolation check must catch.
        var spent = org.OverBudget ? org : options.LeakyBudgets ? tenants.Orgs().FirstOrDefault(o => o.OverBudget) : null;
        if (spent is not null)
        {
            return (org, new JsonStatusResult<OpenAiErrorResponse>(
                new OpenAiErrorResponse(new OpenAiError(
                    $"Organization '{spent.Slug}' has exceeded its budget: spent ${spent.SpentUsd:0.######} of ${spent.BudgetUsd:0.######}.",
                    "insufficient_quota",
                    "budget_exceeded")),
                StatusCodes.Status429TooManyRequests));
        }

        return (org, null);
    }
}
