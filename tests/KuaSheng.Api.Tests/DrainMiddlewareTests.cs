using System.Net;
using KuaSheng.Api.Draining;
using KuaSheng.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KuaSheng.Api.Tests;

/// <summary>The drain in front of a test endpoint (no actor system), over loopback HTTP: while the node drains, a request
/// in flight is answered and its answer closes the connection; a new one is refused 503, also closing it.</summary>
public sealed class DrainMiddlewareTests
{
    [Fact]
    public async Task Answers_sent_while_the_node_drains_close_their_connection()
    {
        var drain = new NodeDrain();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{LoopbackPorts.Next()}");
        await using var app = builder.Build();
        app.UseMiddleware<DrainMiddleware>(drain);
        app.MapGet("/api/v1/slow", async () =>
        {
            entered.TrySetResult();
            await gate.Task;
            return TypedResults.Ok(new { done = true });
        });
        app.MapGet("/api/v1/fast", () => TypedResults.Ok(new { done = true }));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        using var before = await http.GetAsync("/api/v1/fast");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.False(before.Headers.ConnectionClose ?? false);

        var inFlight = http.GetAsync("/api/v1/slow");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        drain.Begin();
        gate.SetResult();
        using var answered = await inFlight;
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.True(answered.Headers.ConnectionClose);

        using var refused = await http.GetAsync("/api/v1/fast");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.True(refused.Headers.ConnectionClose);
    }
}
