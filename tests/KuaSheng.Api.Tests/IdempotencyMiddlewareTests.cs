using System.Net;
using KuaSheng.Actors.Hosting;
using KuaSheng.Api.Idempotency;
using KuaSheng.Api.Infrastructure;
using KuaSheng.Api.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KuaSheng.Api.Tests;

/// <summary>The middleware in front of test endpoints (no actor system), over loopback HTTP: what is kept, what is
/// not, and requests in flight.</summary>
public sealed class IdempotencyMiddlewareTests
{
    /// <summary>A small web app: error middleware, idempotency, and endpoints that count their runs.</summary>
    private sealed class MiniApi : IAsyncDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "kuasheng-idem-mw-" + Guid.NewGuid().ToString("N"));
        private readonly WebApplication _app;
        private int _runs;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Runs => Volatile.Read(ref _runs);
        public ApiClient Client { get; private set; } = null!;

        public MiniApi(IdempotencySettings settings)
        {
            var builder = WebApplication.CreateBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Services.AddSingleton(settings);
            builder.Services.AddSingleton(TimeProvider.System);
            builder.Services.AddSingleton(IdempotencyStore.For(new KuaShengOptions { DataDir = _dir }));
            builder.Services.AddSingleton(ClaimOwners.Local());
            builder.Services.AddSingleton<UnfinishedClaims>();
            _app = builder.Build();
            _app.UseMiddleware<ApiErrorMiddleware>();
            _app.UseRouting();
            _app.UseKuaShengIdempotency();
            _app.MapPost("/api/v1/things", async (HttpContext http) =>
            {
                var n = Interlocked.Increment(ref _runs);
                var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
                return TypedResults.Created($"/api/v1/things/{n}", new { n, echo = body });
            });
            _app.MapPost("/api/v1/flaky", () => Interlocked.Increment(ref _runs) == 1
                ? Problem.Unavailable("not yet")
                : TypedResults.Ok(new { n = Runs }));
            _app.MapPost("/api/v1/throws", IResult () => Interlocked.Increment(ref _runs) == 1
                ? throw new InvalidOperationException("boom")
                : TypedResults.Ok(new { n = Runs }));
            _app.MapPost("/api/v1/slow", async () =>
            {
                var n = Interlocked.Increment(ref _runs);
                Entered.TrySetResult();
                await Gate.Task;
                return TypedResults.Ok(new { n });
            });
        }

        public async Task<MiniApi> Start()
        {
            await _app.StartAsync();
            var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            Client = new ApiClient(new Uri(address), token: null, checkContract: false);
            return this;
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        }
    }

    private static Task<MiniApi> Start(IdempotencySettings? settings = null) => new MiniApi(settings ?? new IdempotencySettings()).Start();

    private static string Text(ApiClient.Response r) => r.Body?.ToJsonString() ?? "";

    [Fact]
    public async Task The_endpoint_still_reads_the_body_and_a_replay_gives_the_same_status_location_and_bytes()
    {
        await using var api = await Start();
        var first = await api.Client.PostRaw("/api/v1/things", "{\"x\":1}", idempotencyKey: "k");
        var again = await api.Client.PostRaw("/api/v1/things", "{\"x\":1}", idempotencyKey: "k");
        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal("{\"x\":1}", first.Text("echo"));
        Assert.Equal(first.Status, again.Status);
        Assert.Equal(await first.Raw.Content.ReadAsByteArrayAsync(), await again.Raw.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Raw.Headers.Location, again.Raw.Headers.Location);
        Assert.Equal(first.Raw.Content.Headers.ContentType, again.Raw.Content.Headers.ContentType);
        Assert.True(again.Raw.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        Assert.False(first.Raw.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        Assert.Equal(1, api.Runs);

        var other = await api.Client.PostRaw("/api/v1/things", "{\"x\":2}", idempotencyKey: "k");
        Assert.Equal(HttpStatusCode.Conflict, other.Status);
        Assert.Equal("conflict", other.Code);
        Assert.Equal(1, api.Runs);

        await api.Client.PostRaw("/api/v1/things", "{\"x\":1}");
        await api.Client.PostRaw("/api/v1/things", "{\"x\":1}", idempotencyKey: "k-2");
        Assert.Equal(3, api.Runs);
    }

    [Fact]
    public async Task A_503_is_not_kept_so_the_retry_runs()
    {
        await using var api = await Start();
        var first = await api.Client.PostRaw("/api/v1/flaky", "{}", idempotencyKey: "f");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.Status);
        var retry = await api.Client.PostRaw("/api/v1/flaky", "{}", idempotencyKey: "f");
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        var replay = await api.Client.PostRaw("/api/v1/flaky", "{}", idempotencyKey: "f");
        Assert.Equal(Text(retry), Text(replay));
        Assert.Equal(2, api.Runs);
    }

    [Fact]
    public async Task An_endpoint_that_throws_gives_500_and_leaves_the_key_free()
    {
        await using var api = await Start();
        var first = await api.Client.PostRaw("/api/v1/throws", "{}", idempotencyKey: "t");
        Assert.Equal(HttpStatusCode.InternalServerError, first.Status);
        var retry = await api.Client.PostRaw("/api/v1/throws", "{}", idempotencyKey: "t");
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal(2, api.Runs);
    }

    [Fact]
    public async Task A_duplicate_while_the_first_is_in_flight_is_told_to_retry_and_never_runs()
    {
        await using var api = await Start(new IdempotencySettings { InFlightWait = TimeSpan.Zero });
        var first = api.Client.PostRaw("/api/v1/slow", "{}", idempotencyKey: "s");
        await api.Entered.Task;
        var duplicate = await api.Client.PostRaw("/api/v1/slow", "{}", idempotencyKey: "s");
        Assert.Equal(HttpStatusCode.Conflict, duplicate.Status);
        Assert.Equal("conflict", duplicate.Code);
        Assert.Contains("still being processed", duplicate.Text("detail"));
        Assert.NotNull(duplicate.Raw.Headers.RetryAfter);
        var otherBody = await api.Client.PostRaw("/api/v1/slow", "{\"other\":true}", idempotencyKey: "s");
        Assert.Equal(HttpStatusCode.Conflict, otherBody.Status);
        Assert.Contains("another request", otherBody.Text("detail"));

        api.Gate.SetResult();
        var answered = await first;
        Assert.Equal(HttpStatusCode.OK, answered.Status);
        var replay = await api.Client.PostRaw("/api/v1/slow", "{}", idempotencyKey: "s");
        Assert.Equal(Text(answered), Text(replay));
        Assert.Equal(1, api.Runs);
    }

    [Fact]
    public async Task A_duplicate_that_waits_gets_the_first_answer()
    {
        await using var api = await Start(new IdempotencySettings { InFlightWait = TimeSpan.FromMinutes(1) });
        var first = api.Client.PostRaw("/api/v1/slow", "{}", idempotencyKey: "w");
        await api.Entered.Task;
        var duplicate = api.Client.PostRaw("/api/v1/slow", "{}", idempotencyKey: "w");
        api.Gate.SetResult();
        var (a, b) = (await first, await duplicate);
        Assert.Equal(HttpStatusCode.OK, b.Status);
        Assert.Equal(Text(a), Text(b));
        Assert.Equal(1, api.Runs);
    }
}
