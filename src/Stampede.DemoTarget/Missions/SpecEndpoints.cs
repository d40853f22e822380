using Stampede.DemoTarget.Hosting;

namespace Stampede.DemoTarget.Missions;

/// <summary>Read-heavy REST: <c>GET /api/specs/{id}</c> and <c>GET /api/specs/search?q=</c>.</summary>
internal static class SpecEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/specs/search", (string? q, int? limit, SpecCatalog catalog) =>
            Results.Ok(catalog.Search(q, Math.Clamp(limit ?? 20, 1, 100))));
        app.MapGet("/api/specs/{id}", (string id, SpecCatalog catalog) =>
            catalog.Find(id) is { } spec
                ? Results.Ok(spec)
                : Results.NotFound(new ErrorResponse("not_found", $"No spec '{id}'.")));
    }
}
