using Akka.Actor;
using Akka.Hosting;
using KuaSheng.Actors;
using KuaSheng.Actors.Hosting;
using KuaSheng.Actors.Waybills;
using KuaSheng.Api.Auth;
using KuaSheng.Api.Problems;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KuaSheng.Api.Carrier;

public sealed record CarrierEventBody(string? WaybillNumber, CarrierStatus Status, DateTimeOffset? At, string? SignedBy);

public sealed record CarrierEventAnswer(string WaybillNumber, string CaseId, bool Duplicate);

/// <summary>POST /carrier/events: tracking from the postal carrier, idempotent and safe out of order (the waybill
/// entity keeps each distinct event once and hands it to its case until the case has it).</summary>
public static class CarrierEndpoints
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static RouteGroupBuilder MapCarrierEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/carrier/events", Track).Produces<CarrierEventAnswer>(StatusCodes.Status202Accepted).RequireAuthorization().WithTags("Carrier").WithSummary("A carrier tracking event");
        return api;
    }

    private static async Task<IResult> Track(HttpContext http, CarrierEventBody body, IRequiredActor<WaybillRegion> waybills)
    {
        if (Caller.From(http.User) is not { Role: Roles.Carrier }) return Problem.Forbidden("Only carriers post tracking events.");
        var waybill = WaybillNumber.Validate(body.WaybillNumber);
        if (!waybill.IsValid) return Problem.Validation("waybillNumber", string.Join(" ", waybill.ErrorMessages));
        if (body.Status == CarrierStatus.Registered)
            return Problem.Validation("status", "Carriers report picked-up, in-transit, out-for-delivery, signed, returned or lost.");
        if (body.At is not { } at) return Problem.Validation("at", "When did it happen? Give an ISO 8601 time with offset.");
        try
        {
            var region = await waybills.GetAsync(http.RequestAborted);
            return await region.AskResending<object>(new TrackWaybill(waybill.Value, body.Status, at, string.IsNullOrWhiteSpace(body.SignedBy) ? null : body.SignedBy.Trim()), Timeout, http.RequestAborted) switch
            {
                TrackingAccepted a => TypedResults.Accepted((string?)null, new CarrierEventAnswer(a.WaybillNumber, a.CaseId, a.Duplicate)),
                WaybillUnknown => Problem.NotFound($"Waybill {ProblemText.Shown(waybill.Value)} is not registered on any case."),
                _ => Problem.Unavailable("The waybill register gave no usable answer; try again."),
            };
        }
        catch (AskTimeoutException)
        {
            return Problem.Unavailable("The waybill register did not answer in time; try again.");
        }
    }
}
