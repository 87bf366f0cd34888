using System.Net;
using KuaSheng.Actors.Hosting;
using KuaSheng.Api.Idempotency;
using KuaSheng.Api.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KuaSheng.Api.Tests;

/// <summary>The database goes away while a request runs (another connection holds SQLite's write lock, so every write
/// of the idempotency store fails after its 1 s busy timeout): the claim can be neither released nor answered. When the
/// database is back, a retry with the same key must not be held up by that (issue 11: 409 "still being processed" for
/// two minutes).</summary>
public sealed class UnfinishedClaimsTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kuasheng-unfinished-" + Guid.NewGuid().ToString("N"));
    private WebApplication _app = null!;
    private ApiClient _client = null!;
    private IdempotencyStore _store = null!;
    private int _runs;
    private int _status = StatusCodes.Status200OK;
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private string Database => Path.Combine(_dir, "idem.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _store = new IdempotencyStore(DatabaseKind.Sqlite, $"Data Source={Database};Pooling=True;Default Timeout=1");
        await _store.EnsureSchemaAsync();
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(new IdempotencySettings { InFlightWait = TimeSpan.Zero });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_store);
        builder.Services.AddSingleton(ClaimOwners.Local());
        builder.Services.AddSingleton<UnfinishedClaims>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<UnfinishedClaims>());
        _app = builder.Build();
        _app.UseMiddleware<ApiErrorMiddleware>();
        _app.UseRouting();
        _app.UseKuaShengIdempotency();
        _app.MapPost("/api/v1/step", async () =>
        {
            var n = Interlocked.Increment(ref _runs);
            if (n == 1)
            {
                _entered.TrySetResult();
                await _gate.Task;
            }
            return Results.Json(new { n }, statusCode: Volatile.Read(ref _status));
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _client = new ApiClient(new Uri(address), token: null, checkContract: false);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    /// <summary>Holds SQLite's write lock from another connection until disposed: the database is "away" for writers.</summary>
    private async Task<SqliteConnection> TakeTheDatabaseAway()
    {
        var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "BEGIN EXCLUSIVE";
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>The first request runs while the database is away at its end; then the database comes back.</summary>
    private async Task<ApiClient.Response> FirstAttemptEndsWhileTheDatabaseIsAway(int status)
    {
        _status = status;
        var first = _client.PostRaw("/api/v1/step", "{}", idempotencyKey: "k");
        await _entered.Task;
        var away = await TakeTheDatabaseAway();
        _gate.SetResult();
        var answer = await first;
        await away.DisposeAsync(); // the database is back
        return answer;
    }

    [Fact]
    public async Task A_failed_step_whose_claim_could_not_be_released_runs_again_on_the_first_retry()
    {
        var first = await FirstAttemptEndsWhileTheDatabaseIsAway(StatusCodes.Status503ServiceUnavailable);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.Status);

        _status = StatusCodes.Status200OK;
        var retry = await _client.PostRaw("/api/v1/step", "{}", idempotencyKey: "k");
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal(2, _runs);
    }

    [Fact]
    public async Task A_step_whose_answer_could_not_be_kept_answers_its_retry_with_that_answer_and_runs_once()
    {
        var first = await FirstAttemptEndsWhileTheDatabaseIsAway(StatusCodes.Status201Created);
        Assert.Equal(HttpStatusCode.Created, first.Status);

        var retry = await _client.PostRaw("/api/v1/step", "{}", idempotencyKey: "k");
        Assert.Equal(HttpStatusCode.Created, retry.Status);
        Assert.True(retry.Raw.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        Assert.Equal(first.Body?.ToJsonString(), retry.Body?.ToJsonString());
        Assert.Equal(1, _runs);
    }

    [Fact]
    public async Task Without_a_retry_the_answer_is_written_within_seconds_of_the_database_coming_back()
    {
        await FirstAttemptEndsWhileTheDatabaseIsAway(StatusCodes.Status201Created);
        var until = DateTime.UtcNow.AddSeconds(10);
        IdempotencyRecord? record;
        do
        {
            await Task.Delay(100);
            record = await _store.FindAsync(IdempotencyMiddleware.Scope(new DefaultHttpContext { Request = { Path = "/api/v1/step" } }), "k");
        } while (record is { Pending: true } && DateTime.UtcNow < until);
        Assert.NotNull(record);
        Assert.Equal(StatusCodes.Status201Created, record.Answer?.Status);
        Assert.Equal(0, _app.Services.GetRequiredService<UnfinishedClaims>().Count);
    }
}
