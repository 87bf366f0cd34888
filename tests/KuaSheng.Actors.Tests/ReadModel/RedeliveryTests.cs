using System.Text.RegularExpressions;
using Akka.Persistence.Query;
using CsCheck;
using KuaSheng.Actors.Cases;
using KuaSheng.Actors.Hosting;
using KuaSheng.Actors.ReadModel;
using KuaSheng.Domain;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Deadlines;
using Microsoft.Data.Sqlite;
using static KuaSheng.Actors.Tests.Wiring.NodeCases;

namespace KuaSheng.Actors.Tests.ReadModel;

/// <summary>The case read model store alone, on a SQLite file: whatever the batch boundaries, and with events
/// delivered again (a restart resumes from the last committed offset, so a batch may repeat), every table (summaries,
/// legs, deadlines, mailings, ledger facts) ends as one pass over the events leaves it.</summary>
public sealed class RedeliveryTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kuasheng-redelivery-" + Guid.NewGuid().ToString("N"));

    public RedeliveryTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static readonly CommandActor Carrier = new("carrier", "ems", null);

    /// <summary>Two cases through most of the steps that make ledger facts: mailed originals, decision, mailed result
    /// signed twice, a bad rating and its rectification; the second returned and withdrawn.</summary>
    /// <param name="batched">As the case writes its journal: one row per command (<see cref="CaseJournalBatch"/>); else
    /// one row per event, as journals written before hold them.</param>
    internal static IReadOnlyList<EventEnvelope> Journal(bool batched = true)
    {
        var calendar = ReferenceData.Embedded.Calendar;
        var envelopes = new List<EventEnvelope>();
        var now = Monday;
        void Run(string caseId, params CaseCommand[] commands)
        {
            CaseState? state = null;
            var seq = 0L;
            foreach (var command in commands)
            {
                now = now.AddHours(3);
                var decision = CaseDecider.Decide(state, command, new CaseContext(now, calendar, TimeLimits.Default));
                Assert.Null(decision.Refusal);
                if (batched)
                    envelopes.Add(new EventEnvelope(Offset.Sequence(envelopes.Count + 1), "case-" + caseId, ++seq,
                        new CaseJournalBatch(decision.Events, $"c{seq}"), 0L, []));
                else
                    foreach (var e in decision.Events)
                        envelopes.Add(new EventEnvelope(Offset.Sequence(envelopes.Count + 1), "case-" + caseId, ++seq,
                            new CaseJournalEvent(e, null), 0L, ["case"]));
                state = decision.State;
            }
        }
        var result = new ResultDocument("公证书", "No.1", null);
        Run("r1", Submission("r1"), new ReviewForm(true, [], null, Clerk), new VerifyIdentity(IdentityMethod.Face, true, Clerk),
            new RegisterMailing("m1", MailingPurpose.Originals, "EMS", "EA123456785CN", Clerk),
            new RecordCarrierEvent("EA123456785CN", CarrierStatus.Signed, Monday.AddHours(20), "公证处", Carrier),
            new DecideAcceptance("leg1", true, null, Notary), new DecideLeg("leg1", DecisionOutcome.Approved, null, result, Notary),
            new DeliverResult(DeliveryMethod.Mail, "1234567890123", "EMS", null, "m2", Notary),
            new RecordCarrierEvent("1234567890123", CarrierStatus.Signed, Monday.AddHours(60), "李四", Carrier),
            new RecordCarrierEvent("1234567890123", CarrierStatus.Signed, Monday.AddHours(61), "李四", Carrier),
            new Rate(RatingLevel.VeryDissatisfied, "慢", "window", Clerk), new RecordRectification("已整改", Clerk));
        Run("r2", Submission("r2"), new ReviewForm(true, [], null, Clerk), new VerifyIdentity(IdentityMethod.Face, true, Clerk),
            new DecideAcceptance("leg1", false, "材料不全", Notary), new Withdraw("不办了", Clerk));
        return envelopes;
    }

    private async Task<IReadOnlyList<string>> Project(IEnumerable<IReadOnlyList<EventEnvelope>> batches)
    {
        var file = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".db");
        var store = new CaseReadModelStore(DatabaseKind.Sqlite, $"Data Source={file}");
        foreach (var batch in batches)
            await store.ApplyAsync(batch, ((Sequence)batch[^1].Offset).Value, Monday);
        return await store.DumpAsync();
    }

    [Fact]
    public async Task A_journal_of_one_row_per_command_projects_as_one_row_per_event_does()
    {
        var byCommand = Journal(batched: true);
        var byEvent = Journal(batched: false);
        Assert.True(byEvent.Count > byCommand.Count + 5, "the flows decide several events per command");
        // Only the positions differ: a summary's version is its last row's sequence number; a fact's key, its event's position.
        Assert.Equal(WithoutPositions(await Project([byEvent])), WithoutPositions(await Project([byCommand])));
    }

    private static List<string> WithoutPositions(IReadOnlyList<string> dump) => dump
        .Select(l => Regex.Replace(l, @"Version = \d+", "Version = _"))
        .Select(l => l.StartsWith("fact ", StringComparison.Ordinal) ? Regex.Replace(l, @"^(fact \S+ \| )\d+", "$1_") : l)
        .ToList();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Any_batching_with_repeated_deliveries_leaves_the_tables_as_one_pass_does(bool batched)
    {
        var journal = Journal(batched);
        var once = await Project([journal]);
        Assert.Contains(once, l => l.StartsWith("fact r1 | ", StringComparison.Ordinal) && l.Contains(" | rectified-in-time | ", StringComparison.Ordinal));
        Assert.Single(once, l => l.StartsWith("fact r1 | ", StringComparison.Ordinal) && l.Contains(" | mailing-signed | ", StringComparison.Ordinal)
                                 && l.Contains(" | qj-notary | ", StringComparison.Ordinal));

        // Cut points, and for each batch how far back the delivery starts again (re-delivering what was committed).
        await Gen.Select(Gen.Int[1, 8].List[1, 12], Gen.Int[0, 6].List[12]).SampleAsync(async (sizes, rewinds) =>
        {
            var batches = new List<IReadOnlyList<EventEnvelope>>();
            var at = 0;
            for (var i = 0; at < journal.Count; i++)
            {
                var from = Math.Max(0, at - rewinds[i % rewinds.Count]);
                var to = Math.Min(journal.Count, at + sizes[i % sizes.Count]);
                batches.Add(journal.Skip(from).Take(to - from).ToList());
                at = to;
            }
            Assert.Equal(once, await Project(batches));
        }, iter: 25);
    }
}
