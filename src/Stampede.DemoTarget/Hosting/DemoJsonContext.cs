using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Stampede.DemoTarget.Echo;
using Stampede.DemoTarget.Missions;
using Stampede.DemoTarget.OpenAi;
using Stampede.DemoTarget.Sessions;
using Stampede.DemoTarget.Streaming;
using Stampede.DemoTarget.Tenancy;

namespace Stampede.DemoTarget.Hosting;

/// <summary>
/// Source-generated JSON metadata for every body the demo target reads or writes, so it runs under NativeAOT.
/// The server puts it first in its HTTP JSON options' resolver chain; those options (web defaults: camelCase,
/// case-insensitive reads, numbers readable from strings, relaxed escaping) decide how bodies are written.
/// The options here repeat the web defaults for the bodies read straight through this context (<see cref="JsonBody"/>).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(MissionInput))]
// Results.ValidationProblem asks for ProblemDetails, then for the runtime type; ASP.NET Core only registers its own
// metadata for them with AddProblemDetails, which would also add a traceId to every problem body.
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
[JsonSerializable(typeof(Mission))]
[JsonSerializable(typeof(Mission[]))]
[JsonSerializable(typeof(Spec))]
[JsonSerializable(typeof(Spec[]))]
[JsonSerializable(typeof(ChatRequest))]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(EmbeddingRequest))]
[JsonSerializable(typeof(TenancyEndpoints.CreateOrgRequest))]
[JsonSerializable(typeof(TenancyEndpoints.InviteRequest))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(OpenAiErrorResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(OrganizationResponse))]
[JsonSerializable(typeof(OrganizationListResponse))]
[JsonSerializable(typeof(InvitedUserResponse))]
[JsonSerializable(typeof(CreatedKeyResponse))]
[JsonSerializable(typeof(ModelListResponse))]
[JsonSerializable(typeof(CookiesResponse))]
[JsonSerializable(typeof(EchoResponse))]
[JsonSerializable(typeof(HealthDetailsResponse))]
[JsonSerializable(typeof(RedirectResponse))]
[JsonSerializable(typeof(AuthenticatedResponse))]
internal sealed partial class DemoJsonContext : JsonSerializerContext;
