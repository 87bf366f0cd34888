using KuaSheng.Api.Audit;
using System.Text.Json;
using KuaSheng.Actors.Time;
using KuaSheng.Api.Auth;
using KuaSheng.Api.Catalogue;
using KuaSheng.Api.Json;
using KuaSheng.Api.Problems;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Cases;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KuaSheng.Api.Dev;

/// <summary>Body of <c>POST /auth/dev-token</c>.</summary>
/// <param name="Unit">Required for window and officer: the unit the token acts for.</param>
/// <param name="Units">Required for integration: the units it may act for.</param>
/// <param name="Sub">Subject; default <c>dev-{role}</c>.</param>
public sealed record DevTokenBody(string? Role, string? Unit, IReadOnlyList<string>? Units, string? Sub);

public sealed record DevTokenView(string Token, string Role, string Sub, string? Unit, IReadOnlyList<string>? Units, DateTimeOffset ExpiresAt);

public sealed record DevClockBody(DateTimeOffset? Now);

/// <param name="Set">The clock is set (PUT /dev/clock) rather than following the wall clock.</param>
public sealed record DevClockView(DateTimeOffset Now, bool Set);

/// <summary>Dev tokens and the dev clock: only where configuration enables dev features (single node, local
/// cluster). Elsewhere they answer 404 as if they did not exist, and stay out of the OpenAPI document.</summary>
public static class DevEndpoints
{
    public static IServiceCollection AddDevEndpoints(this IServiceCollection services) => ReferenceGateway.Register(services);

    public static RouteGroupBuilder MapDevEndpoints(this RouteGroupBuilder api)
    {
        var devFeatures = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<ApiFeatures>().DevFeatures;
        var token = api.MapPost("/auth/dev-token", IssueToken).AllowAnonymous().WithTags("Dev").Audited()
            .WithSummary("Issue a token for trying the API (dev configurations only)")
            .Accepts<DevTokenBody>("application/json")
            .Produces<DevTokenView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        var clock = api.MapGroup("/dev/clock").AllowAnonymous().WithTags("Dev").Audited();
        clock.MapGet("/", GetClock).WithSummary("The node's clock (dev configurations only)").Produces<DevClockView>();
        clock.MapPut("/", SetClock).WithSummary("Set the node's clock, so deadlines can be tried without waiting (dev configurations only)")
            .WithDescription("Time moves on from the instant set at wall-clock speed. Affects every deadline of this node.")
            .Accepts<DevClockBody>("application/json")
            .Produces<DevClockView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        clock.MapDelete("/", ReleaseClock).WithSummary("Release the node's clock back to the wall clock (dev configurations only)")
            .Produces<DevClockView>().ProducesProblem(StatusCodes.Status404NotFound);
        if (!devFeatures)
        {
            token.ExcludeFromDescription();
            clock.ExcludeFromDescription();
        }
        return api;
    }

    private static IResult Absent() => Problem.NotFound("There is no such endpoint.");

    /// <summary>Reads the body only once the endpoint is known to exist: without dev features even a bad body is a 404.</summary>
    private static async Task<(T? Body, IResult? Problem)> Read<T>(HttpContext http) where T : class
    {
        try
        {
            return (await http.Request.ReadFromJsonAsync<T>(ApiJson.Options, http.RequestAborted), null);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body";
            return (null, Problem.Validation(field, "This value is not valid here (malformed JSON, wrong type or unknown value)."));
        }
        catch (InvalidOperationException)
        {
            return (null, Problem.Validation("body", "Send a JSON body with Content-Type application/json."));
        }
    }

    private static async Task<IResult> IssueToken(HttpContext http, ApiFeatures features, TokenIssuer issuer, AuthSettings settings, ReferenceGateway reference)
    {
        if (!features.DevFeatures) return Absent();
        var (body, invalid) = await Read<DevTokenBody>(http);
        if (invalid is not null) return invalid;
        if (body is null) return Problem.Validation("role", "Send {role, unit?, units?, sub?}.");
        // Which roles take which units: one rule with the console's dev sign-in (CallerShape).
        var (identity, errors) = CallerShape.Check(body.Role, body.Unit, body.Units, body.Sub, reference.Current.Units);
        if (identity is null) return Problem.Validation(errors);

        var expires = DateTimeOffset.UtcNow + settings.DevTokenLifetime;
        var token = issuer.Issue(identity.Role, identity.Subject, identity.Unit, identity.Units);
        return TypedResults.Ok(new DevTokenView(token, identity.Role, identity.Subject, identity.Unit, identity.Units, expires.ToOffset(CaseContext.ChinaOffset)));
    }

    private static IResult GetClock(ApiFeatures features, AdjustableClock clock) =>
        features.DevFeatures ? TypedResults.Ok(View(clock)) : Absent();

    private static async Task<IResult> SetClock(HttpContext http, ApiFeatures features, AdjustableClock clock)
    {
        if (!features.DevFeatures) return Absent();
        var (body, invalid) = await Read<DevClockBody>(http);
        if (invalid is not null) return invalid;
        if (body?.Now is not { } now) return Problem.Validation("now", "now is an ISO 8601 time with offset, e.g. 2026-10-09T09:00:00+08:00.");
        clock.Set(now);
        return TypedResults.Ok(View(clock));
    }

    private static IResult ReleaseClock(ApiFeatures features, AdjustableClock clock)
    {
        if (!features.DevFeatures) return Absent();
        clock.Release();
        return TypedResults.Ok(View(clock));
    }

    private static DevClockView View(AdjustableClock clock) => new(clock.Now.ToOffset(CaseContext.ChinaOffset), clock.IsSet);
}
