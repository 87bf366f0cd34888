using Akka.Actor;
using KuaSheng.Actors.Cases;
using KuaSheng.Actors.Hosting;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Deadlines;
using KuaSheng.Domain.Routing;
using Microsoft.Data.Sqlite;

namespace KuaSheng.Actors.Tests.Wiring;

/// <summary>A locked database: the command is answered "unavailable", nothing is half-applied, and the same command
/// goes through once the lock is gone, without restarting anything.</summary>
public sealed class JournalTroubleTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly CommandActor Clerk = new("window", "clerk", "qj-window");
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kuasheng-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static SubmitCase Submission(string caseId) =>
        new(caseId, "QJ-" + caseId, "h", new ItemTerms("1-6", 1, "社会保险个人权益记录单查询打印", false, 1, false),
            HandlingMode.Proxy, Channel.Window, "qj-window",
            new Applicant(ApplicantKind.Person, "李四", "50011019850612002X", "13912345678", "500110", null), null, null,
            [new Material("申请表", false)], new DeliveryPreference(DeliveryMethod.Pickup, null),
            [new Leg("leg1", "qj-hrss", LegRole.Home, 1, LegStatus.Pending)], [], Clerk);

    [Fact]
    public async Task A_locked_database_answers_unavailable_and_the_case_recovers_when_the_lock_is_released()
    {
        var file = Path.Combine(_dir, "kuasheng.db");
        // A short busy timeout so that the test does not wait the production 30 s.
        await using var node = await Node.StartAsync(_dir, connectionString: $"Data Source={file};Pooling=True;Default Timeout=2");
        var cases = node.Region<CaseRegion>();
        var first = await cases.Ask<object>(new CaseRequest("t1", "1", Submission("t1")), Timeout);
        Assert.IsType<CaseReply>(first);

        object during;
        await using (var blocker = new SqliteConnection($"Data Source={file}"))
        {
            await blocker.OpenAsync();
            await using var tx = blocker.BeginTransaction(System.Data.IsolationLevel.Serializable);
            await using (var lockWrites = blocker.CreateCommand())
            {
                lockWrites.Transaction = tx;
                lockWrites.CommandText = "CREATE TABLE IF NOT EXISTS lock_holder(x); INSERT INTO lock_holder VALUES (1);";
                await lockWrites.ExecuteNonQueryAsync(); // holds the write lock until rollback
            }
            during = await cases.Ask<object>(new CaseRequest("t1", "2", new ReviewForm(true, [], null, Clerk)), Timeout);
            tx.Rollback();
        }
        Assert.IsType<CaseUnavailable>(during);

        // Same command again, as a client does after "unavailable": retried until the journal takes it (other entities'
        // failed writes may have opened the journal's circuit breaker for a few seconds). It is applied exactly once.
        CaseReply? after = null;
        var until = DateTime.UtcNow.AddSeconds(60);
        while (after is null && DateTime.UtcNow < until)
        {
            try
            {
                after = await cases.Ask<object>(new CaseRequest("t1", "2", new ReviewForm(true, [], null, Clerk)), TimeSpan.FromSeconds(5)) as CaseReply;
            }
            catch (AskTimeoutException) { }
            if (after is null) await Task.Delay(1000);
        }
        Assert.NotNull(after);
        Assert.Null(after.Refusal);
        var state = after.State ?? (await cases.Ask<CaseReply>(new GetCaseState("t1"), Timeout)).State!;
        Assert.True(state.FormPassed);
        Assert.Equal(1, state.Timeline.Count(t => t.Type == "form-review-passed"));
        Assert.NotNull(state.Deadlines.Single(d => d.Step == DeadlineStep.FormReview).MetAt);
    }
}
