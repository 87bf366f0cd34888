using KuaSheng.Api.Hardening;
using KuaSheng.Api.Problems;
using Microsoft.AspNetCore.Http;

namespace KuaSheng.Api.Public;

/// <summary>
/// The gate of every endpoint under <c>/public/cases/{caseNumber}</c>: the endpoint runs only for the right query code
/// of a case that is not locked (<see cref="PublicCaseGate"/>, which the console's public look-up passes too). A
/// malformed number, an unknown case and a wrong code all answer the same 404; a locked case answers 429
/// <c>too-many-requests</c> with <c>Retry-After</c>, whatever the code — so neither answer tells a guesser anything
/// about the code or whether the case exists.
/// </summary>
public sealed class QueryCodeFilter(PublicCaseGate gate) : IEndpointFilter
{
    public const string CaseNumberRoute = "caseNumber";
    public const string CodeParameter = "queryCode";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var number = http.Request.RouteValues[CaseNumberRoute] as string ?? "";
        var codes = http.Request.Query[CodeParameter];
        var admission = await gate.AdmitAsync(number, codes.Count == 1 ? codes[0] : null, ClientAddress.Of(http), http.RequestAborted);
        if (admission.Unavailable) return Problem.Unavailable("Query codes cannot be checked just now; try again shortly.");
        return admission.Outcome switch
        {
            QueryCodeOutcome.Admitted => await next(context),
            QueryCodeOutcome.Locked => Problem.TooManyRequests(
                "Too many wrong query codes for this case: its look-up and rating are closed for a while (查询码错误次数过多，请稍后再试).",
                admission.RetryAfter ?? TimeSpan.FromMinutes(1)),
            _ => PublicEndpoints.NotFound(),
        };
    }
}
