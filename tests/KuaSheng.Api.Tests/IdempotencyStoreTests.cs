using KuaSheng.Actors.Hosting;
using KuaSheng.Api.Idempotency;
using Microsoft.Extensions.Logging.Abstractions;

namespace KuaSheng.Api.Tests;

/// <summary>A time source the test moves by hand: expiry without waiting.</summary>
public sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>The store on its own, on a temp SQLite file (and on PostgreSQL when KUASHENG_TEST_PG is set).</summary>
public abstract class IdempotencyStoreContract : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Retention = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(1);
    private readonly string _caller = "window:" + Guid.NewGuid().ToString("N");

    protected abstract IdempotencyStore Store { get; }

    public virtual void Dispose() => GC.SuppressFinalize(this);

    private Task<IdempotencyClaim> Claim(string key, DateTimeOffset now, string hash = "h1") =>
        Store.ClaimAsync(_caller, key, "POST", "/api/v1/cases", hash, now, Retention, Abandoned);

    private static StoredAnswer Answer(string text = "{\"caseId\":\"abc\"}") =>
        new(201, "application/json; charset=utf-8", "/api/v1/cases/abc", System.Text.Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task The_first_claim_wins_and_a_second_sees_it_pending_then_answered_with_the_same_bytes()
    {
        Assert.True((await Claim("k1", T0)).Claimed);
        var second = await Claim("k1", T0.AddSeconds(1));
        Assert.False(second.Claimed);
        Assert.True(second.Existing!.Pending);
        Assert.Equal("h1", second.Existing.RequestHash);

        await Store.CompleteAsync(_caller, "k1", Answer());
        var third = await Claim("k1", T0.AddSeconds(2), hash: "other");
        var answer = third.Existing!.Answer!;
        Assert.Equal(201, answer.Status);
        Assert.Equal("application/json; charset=utf-8", answer.ContentType);
        Assert.Equal("/api/v1/cases/abc", answer.Location);
        Assert.Equal(Answer().Body, answer.Body);
        Assert.Equal("h1", third.Existing.RequestHash);
        Assert.Equal(T0, third.Existing.CreatedAt);
    }

    [Fact]
    public async Task Keys_are_per_caller()
    {
        Assert.True((await Claim("shared", T0)).Claimed);
        Assert.True((await Store.ClaimAsync(_caller + "-other", "shared", "POST", "/x", "h1", T0, Retention, Abandoned)).Claimed);
    }

    [Fact]
    public async Task A_released_claim_frees_the_key_but_an_answered_one_is_not_released()
    {
        Assert.True((await Claim("k2", T0)).Claimed);
        await Store.ReleaseAsync(_caller, "k2");
        Assert.Null(await Store.FindAsync(_caller, "k2"));
        Assert.True((await Claim("k2", T0)).Claimed);
        await Store.CompleteAsync(_caller, "k2", Answer());
        await Store.ReleaseAsync(_caller, "k2");
        Assert.NotNull((await Store.FindAsync(_caller, "k2"))!.Answer);
    }

    [Fact]
    public async Task An_answer_is_kept_for_the_retention_and_the_key_is_new_again_after_it()
    {
        Assert.True((await Claim("k3", T0)).Claimed);
        await Store.CompleteAsync(_caller, "k3", Answer());
        Assert.False((await Claim("k3", T0 + Retention - TimeSpan.FromMilliseconds(1))).Claimed);
        Assert.True((await Claim("k3", T0 + Retention)).Claimed);
        Assert.True((await Store.FindAsync(_caller, "k3"))!.Pending);
    }

    [Fact]
    public async Task A_claim_whose_request_never_finished_is_taken_over_once_abandoned()
    {
        Assert.True((await Claim("k4", T0)).Claimed);
        Assert.True((await Claim("k4", T0 + Abandoned - TimeSpan.FromMilliseconds(1))).Existing!.Pending);
        var later = T0 + Abandoned;
        Assert.True((await Claim("k4", later)).Claimed);
        Assert.Equal(later, (await Store.FindAsync(_caller, "k4"))!.CreatedAt);
    }

    [Fact]
    public async Task A_claim_of_an_owner_gone_from_the_cluster_is_taken_over_at_once_and_that_owner_can_no_longer_settle_it()
    {
        const string killed = "akka.tcp://kuasheng@127.0.0.1:4101#111", alive = "akka.tcp://kuasheng@127.0.0.1:4102#222";
        bool Gone(string owner) => owner == killed;
        Assert.True((await Store.ClaimAsync(_caller, "k5", "POST", "/p", "h1", T0, Retention, Abandoned, owner: alive)).Claimed);
        Assert.True((await Store.ClaimAsync(_caller, "k5", "POST", "/p", "h1", T0, Retention, Abandoned, owner: killed, ownerGone: Gone))
            .Existing!.Pending);

        Assert.True((await Store.ClaimAsync(_caller, "k6", "POST", "/p", "h1", T0, Retention, Abandoned, owner: killed)).Claimed);
        var takeover = await Store.ClaimAsync(_caller, "k6", "POST", "/p", "h1", T0 + TimeSpan.FromSeconds(1), Retention, Abandoned,
            owner: alive, ownerGone: Gone);
        Assert.True(takeover.Claimed);
        Assert.Equal(alive, (await Store.FindAsync(_caller, "k6"))!.Owner);

        // The node thought gone cannot overwrite or drop the claim it lost; its new owner can answer it.
        await Store.CompleteAsync(_caller, "k6", Answer("{\"from\":\"killed\"}"), killed);
        await Store.ReleaseAsync(_caller, "k6", killed);
        Assert.True((await Store.FindAsync(_caller, "k6"))!.Pending);
        await Store.CompleteAsync(_caller, "k6", Answer(), alive);
        Assert.Equal(201, (await Store.FindAsync(_caller, "k6"))!.Answer!.Status);
    }

    [Fact]
    public async Task Purge_deletes_only_rows_created_before_the_cutoff()
    {
        Assert.True((await Claim("old", T0)).Claimed);
        await Store.CompleteAsync(_caller, "old", Answer());
        Assert.True((await Claim("new", T0.AddMinutes(5))).Claimed);
        await Store.PurgeAsync(T0);
        Assert.NotNull(await Store.FindAsync(_caller, "old"));
        await Store.PurgeAsync(T0.AddMinutes(1));
        Assert.Null(await Store.FindAsync(_caller, "old"));
        Assert.NotNull(await Store.FindAsync(_caller, "new"));
    }

    [Fact]
    public async Task The_periodic_cleanup_deletes_what_is_older_than_the_retention_by_its_clock()
    {
        var time = new ManualTime(T0);
        var settings = new IdempotencySettings { Retention = TimeSpan.FromHours(30) };
        var cleanup = new IdempotencyCleanup(Store, settings, time, NullLogger<IdempotencyCleanup>.Instance);
        Assert.True((await Claim("c1", T0)).Claimed);
        await Store.CompleteAsync(_caller, "c1", Answer());

        time.Now = T0.AddHours(29);
        await cleanup.RunOnceAsync();
        Assert.NotNull(await Store.FindAsync(_caller, "c1"));
        time.Now = T0.AddHours(30).AddMilliseconds(1);
        await cleanup.RunOnceAsync();
        Assert.Null(await Store.FindAsync(_caller, "c1"));
    }
}

public sealed class IdempotencyStoreSqliteTests : IdempotencyStoreContract
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kuasheng-idem-" + Guid.NewGuid().ToString("N"));

    public IdempotencyStoreSqliteTests() =>
        Store = IdempotencyStore.For(new KuaShengOptions { DataDir = _dir });

    protected override IdempotencyStore Store { get; }

    public override void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        base.Dispose();
    }
}

/// <summary>A database made by a version before claims had owners gets the column on first use.</summary>
public sealed class IdempotencyStoreMigrationTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kuasheng-idem-old-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_table_without_the_owner_column_gets_it_and_its_old_claims_are_still_found()
    {
        Directory.CreateDirectory(_dir);
        var connectionString = $"Data Source={Path.Combine(_dir, "old.db")};Pooling=False";
        await using (var legacy = new Microsoft.Data.Sqlite.SqliteConnection(connectionString))
        {
            await legacy.OpenAsync();
            await using var create = legacy.CreateCommand();
            create.CommandText = """
                CREATE TABLE api_idempotency (caller TEXT NOT NULL, idem_key TEXT NOT NULL, method TEXT NOT NULL, path TEXT NOT NULL,
                    request_hash TEXT NOT NULL, status INTEGER NULL, content_type TEXT NULL, location TEXT NULL, body BLOB NULL,
                    created_at_ms BIGINT NOT NULL, PRIMARY KEY (caller, idem_key));
                INSERT INTO api_idempotency (caller, idem_key, method, path, request_hash, created_at_ms) VALUES ('c', 'old', 'POST', '/p', 'h', 1);
                """;
            await create.ExecuteNonQueryAsync();
        }
        await using var store = new IdempotencyStore(DatabaseKind.Sqlite, connectionString);
        var now = DateTimeOffset.FromUnixTimeMilliseconds(2);
        var old = await store.ClaimAsync("c", "old", "POST", "/p", "h", now, TimeSpan.FromHours(24), TimeSpan.FromMinutes(2),
            owner: "n#1", ownerGone: _ => true);
        Assert.True(old.Existing!.Pending); // no owner recorded: only the age rule applies
        Assert.Null(old.Existing.Owner);
        Assert.True((await store.ClaimAsync("c", "new", "POST", "/p", "h", now, TimeSpan.FromHours(24), TimeSpan.FromMinutes(2), owner: "n#1")).Claimed);
        Assert.Equal("n#1", (await store.FindAsync("c", "new"))!.Owner);
    }
}

/// <summary>Runs only when KUASHENG_TEST_PG holds a PostgreSQL connection string.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "KUASHENG_TEST_PG";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable))) Skip = $"set {Variable} to a PostgreSQL connection string";
    }
}

public sealed class IdempotencyStorePostgresTests
{
    private static IdempotencyStore Store() => IdempotencyStore.For(new KuaShengOptions
    {
        Database = DatabaseKind.PostgreSql,
        ConnectionString = Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable),
    });

    [PostgresFact]
    public async Task Claim_complete_replay_and_purge_on_PostgreSQL()
    {
        var store = Store();
        var caller = "window:" + Guid.NewGuid().ToString("N");
        var t0 = DateTimeOffset.UtcNow;
        Assert.True((await store.ClaimAsync(caller, "k", "POST", "/p", "h", t0, TimeSpan.FromHours(24), TimeSpan.FromMinutes(2))).Claimed);
        Assert.True((await store.ClaimAsync(caller, "k", "POST", "/p", "h", t0, TimeSpan.FromHours(24), TimeSpan.FromMinutes(2))).Existing!.Pending);
        var body = new byte[] { 0, 1, 2, 255 };
        await store.CompleteAsync(caller, "k", new StoredAnswer(200, "application/json", null, body));
        var found = await store.FindAsync(caller, "k");
        Assert.Equal(body, found!.Answer!.Body);
        Assert.Null(found.Answer.Location);
        await store.ReleaseAsync(caller, "k");
        Assert.NotNull(await store.FindAsync(caller, "k"));
        Assert.True(await store.PurgeAsync(t0.AddMilliseconds(1)) >= 1);
        Assert.Null(await store.FindAsync(caller, "k"));
        // A second store (another node) finds the table there and goes on.
        Assert.True((await Store().ClaimAsync(caller, "k2", "POST", "/p", "h", t0, TimeSpan.FromHours(24), TimeSpan.FromMinutes(2))).Claimed);
    }
}

public sealed class IdempotencyKeyAndSettingsTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("3f2c9a1e-5d7b-4c1a-9e8f-0a1b2c3d4e5f")]
    [InlineData("order 42/retry:1 ~!@#$%^&*()")]
    public void Printable_ascii_keys_up_to_200_characters_are_accepted(string key)
    {
        Assert.Null(IdempotencyKey.Problem(key));
        Assert.Null(IdempotencyKey.Problem(new string('k', 200)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("tab\there")]
    [InlineData("line\nbreak")]
    [InlineData("收件-1")]
    [InlineData("del\u007f")]
    public void Empty_control_and_non_ascii_keys_are_refused(string key) => Assert.NotNull(IdempotencyKey.Problem(key));

    [Fact]
    public void A_key_longer_than_200_characters_is_refused() => Assert.NotNull(IdempotencyKey.Problem(new string('k', 201)));

    [Fact]
    public void Retention_defaults_to_48_hours_and_is_never_below_24()
    {
        Assert.Equal(TimeSpan.FromHours(48), new IdempotencySettings().EffectiveRetention);
        Assert.Equal(TimeSpan.FromHours(24), new IdempotencySettings { Retention = TimeSpan.FromMinutes(5) }.EffectiveRetention);
        Assert.Equal(TimeSpan.FromDays(7), new IdempotencySettings { Retention = TimeSpan.FromDays(7) }.EffectiveRetention);
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(201, true)]
    [InlineData(400, true)]
    [InlineData(409, true)]
    [InlineData(429, false)]
    [InlineData(500, false)]
    [InlineData(503, false)]
    public void Failures_that_did_nothing_are_not_kept(int status, bool kept) => Assert.Equal(kept, IdempotencyMiddleware.Keeps(status));

    [Fact]
    public void The_request_hash_covers_method_path_query_and_body()
    {
        var body = "{\"a\":1}"u8.ToArray();
        var hash = IdempotencyMiddleware.Hash("POST", "/api/v1/cases", null, body);
        Assert.Equal(hash, IdempotencyMiddleware.Hash("POST", "/api/v1/cases", null, "{\"a\":1}"u8.ToArray()));
        Assert.NotEqual(hash, IdempotencyMiddleware.Hash("POST", "/api/v1/cases", null, "{\"a\": 1}"u8.ToArray()));
        Assert.NotEqual(hash, IdempotencyMiddleware.Hash("POST", "/api/v1/cases/x", null, body));
        Assert.NotEqual(hash, IdempotencyMiddleware.Hash("POST", "/api/v1/cases", "?queryCode=1", body));
    }
}
