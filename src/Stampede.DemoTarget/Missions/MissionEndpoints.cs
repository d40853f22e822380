using Stampede.DemoTarget.Hosting;

namespace Stampede.DemoTarget.Missions;

/// <summary>Plain REST: <c>/api/missions</c> create, list, read, replace, delete.</summary>
internal static class MissionEndpoints
{
    private const int DefaultListLimit = 100;

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/missions");
        group.MapPost("/", (MissionInput? input, MissionStore store) =>
        {
            var errors = MissionStore.Validate(input);
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }

            var mission = store.Create(input!);
            return Results.Created($"/api/missions/{mission.Id}", mission);
        });
        group.MapGet("/", (int? limit, MissionStore store) =>
            Results.Ok(store.List(Math.Clamp(limit ?? DefaultListLimit, 1, 10_000))));
        group.MapGet("/{id:long}", (long id, MissionStore store) =>
            store.Get(id) is { } mission ? Results.Ok(mission) : NotFound(id));
        group.MapPut("/{id:long}", (long id, MissionInput? input, MissionStore store) =>
        {
            var errors = MissionStore.Validate(input);
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }

            return store.Replace(id, input!) is { } mission ? Results.Ok(mission) : NotFound(id);
        });
        group.MapDelete("/{id:long}", (long id, MissionStore store) =>
            store.Delete(id) ? Results.NoContent() : NotFound(id));
    }

    private static IResult NotFound(long id) =>
        Results.NotFound(new ErrorResponse("not_found", $"No mission {id}."));
}
