using System.Text.Json.Serialization;

namespace Stampede.DemoTarget.Hosting;

// Small response bodies of the demo target. They are named records rather than anonymous objects so the
// source-generated DemoJsonContext can write them under NativeAOT; property names become camelCase on the wire.

/// <summary>The demo's own error body: <c>{"error": code, "message": text}</c>.</summary>
internal sealed record ErrorResponse(string Error, string Message);

/// <summary>An error in OpenAI's format: <c>{"error": {"message", "type", "code"}}</c>.</summary>
internal sealed record OpenAiErrorResponse(OpenAiError Error);

/// <summary>The inside of <see cref="OpenAiErrorResponse"/>.</summary>
internal sealed record OpenAiError(string Message, string Type, string Code);

/// <summary><c>GET /api/health</c>.</summary>
internal sealed record HealthResponse(string Status, string Service, string Version, int Seed, double UptimeSeconds, long InFlight);

/// <summary><c>GET /api/health/details</c>: health with the backend loop nested, as JSON health endpoints often are.</summary>
internal sealed record HealthDetailsResponse(string Status, double UptimeSeconds, long InFlight, LoopHealth Loop);

/// <summary>The backend loop: its measured and target frequency and its ticks so far.</summary>
internal sealed record LoopHealth(double Hz, int TargetHz, long Ticks);

/// <summary>An organisation as the tenancy API shows it.</summary>
internal sealed record OrganizationResponse(string Slug, decimal BudgetUsd, decimal SpentUsd, long Requests, int Users, int Keys);

/// <summary>Every organisation, and the keys in force across all of them.</summary>
internal sealed record OrganizationListResponse(IReadOnlyList<OrganizationResponse> Orgs, int Keys);

/// <summary>The user an invite created.</summary>
internal sealed record InvitedUserResponse(string Id, string Email, string Org);

/// <summary>A new API key, the only time its secret is shown.</summary>
internal sealed record CreatedKeyResponse(string Id, string Key, string Org, string User);

/// <summary><c>GET /v1/models</c> in OpenAI's format.</summary>
internal sealed record ModelListResponse(
    [property: JsonPropertyName("object")] string Object,
    IReadOnlyList<ModelResponse> Data);

/// <summary>One entry of <see cref="ModelListResponse"/>.</summary>
internal sealed record ModelResponse(
    string Id,
    [property: JsonPropertyName("object")] string Object,
    long Created,
    [property: JsonPropertyName("owned_by")] string OwnedBy);
