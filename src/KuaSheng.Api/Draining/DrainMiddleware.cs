using KuaSheng.Api.Problems;
using Microsoft.AspNetCore.Http;

namespace KuaSheng.Api.Draining;

/// <summary>Refuses API requests with 503 and Retry-After while the node drains (<see cref="NodeDrain"/>), and counts
/// the ones it lets through until they are answered. Every API answer sent while it drains says <c>Connection: close</c>.
/// Health, metrics and the OpenAPI document are not counted.</summary>
public sealed class DrainMiddleware(RequestDelegate next, NodeDrain drain)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(KuaShengApi.Prefix))
        {
            await next(context);
            return;
        }
        if (!drain.TryEnter())
        {
            context.Response.Headers.Connection = "close";
            await Problem.Of(StatusCodes.Status503ServiceUnavailable, ProblemCodes.Unavailable, "Temporarily unavailable",
                "This node is leaving the cluster. Send the request again (with the same Idempotency-Key): another node answers it.",
                retryAfter: TimeSpan.FromSeconds(1)).ExecuteAsync(context);
            return;
        }
        // An answer that leaves while the node drains closes its connection, so that the client sends its next request
        // on a new one (to a node that takes it) rather than on a connection the exiting node is about to drop.
        context.Response.OnStarting(() =>
        {
            if (drain.Draining) context.Response.Headers.Connection = "close";
            return Task.CompletedTask;
        });
        try
        {
            await next(context);
        }
        finally
        {
            drain.Exit();
        }
    }
}
